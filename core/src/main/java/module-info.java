/**
 * meterkit's domain model: samples, meters, resources, meter types, time ranges and the validation
 * every adapter shares.
 */
module io.meterkit.core {
  requires com.google.common;

  exports io.meterkit.core;
}
