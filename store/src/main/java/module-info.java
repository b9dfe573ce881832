/**
 * The in-memory columnar sample store: {@code io.meterkit.store} is what a host uses, {@code
 * io.meterkit.store.spi} what a query engine reads, and {@code io.meterkit.store.kafka} what a host
 * that scales out over Apache Kafka uses. Everything under {@code io.meterkit.store.internal} stays
 * inside the module.
 *
 * <p>{@code kafka-clients} is an optional dependency ({@code requires static}): a host that does
 * not use {@code io.meterkit.store.kafka} does not carry it.
 */
module io.meterkit.store {
  requires transitive io.meterkit.core;
  requires it.unimi.dsi.fastutil;
  requires static kafka.clients;

  exports io.meterkit.store;
  exports io.meterkit.store.spi;
  exports io.meterkit.store.kafka;
}
