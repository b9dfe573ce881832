/**
 * The burst-usage API family (CloudSigma style): usage above an owner's subscription, computed from
 * gauge meters by the shared engine's time-weighted aggregate over UTC 5-minute slots, and priced
 * with exact decimals.
 */
package io.meterkit.api.burst;
