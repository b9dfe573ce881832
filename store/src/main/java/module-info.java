/**
 * The in-memory columnar sample store: {@code io.meterkit.store} is what a host uses, {@code
 * io.meterkit.store.spi} what a query engine reads. Everything under {@code
 * io.meterkit.store.internal} stays inside the module.
 */
module io.meterkit.store {
  requires transitive io.meterkit.core;
  requires it.unimi.dsi.fastutil;

  exports io.meterkit.store;
  exports io.meterkit.store.spi;
}
