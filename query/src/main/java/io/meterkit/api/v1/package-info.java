/**
 * The Ceilometer v1 endpoint family, {@link io.meterkit.api.v1.CeilometerV1Api}: resources,
 * projects, users, meters, raw events, volume max/sum and duration under {@code /v1}, with wrapped
 * bodies such as {@code {"resources": [...]}} and {@code {"volume": 12.5}}.
 *
 * <p>{@code start_timestamp} is inclusive and {@code end_timestamp} exclusive; {@code
 * search_offset} widens the window of the volume and duration routes by whole minutes on both
 * sides. Thread-safe.
 *
 * <pre>{@code
 * MeterApi api = MeterApi.builder(store).build(); // registers CeilometerV1Api
 * api.handle(ApiRequest.builder("GET", "/v1/resources/vm-1/meters/cpu_util/volume/max")
 *     .principal(Principal.anonymousAdmin())
 *     .build());
 * }</pre>
 */
package io.meterkit.api.v1;
