/**
 * The immutable, published state of a store ({@link io.meterkit.store.internal.state.StoreState},
 * one {@link io.meterkit.store.internal.state.TableState} per meter), the dictionaries its ids
 * refer to, the message ids the store assigns, and the read SPI's implementation over a state. A
 * state is complete: queries read it, snapshots write it, and a store is rebuilt from one. Internal
 * to the store module.
 */
package io.meterkit.store.internal.state;
