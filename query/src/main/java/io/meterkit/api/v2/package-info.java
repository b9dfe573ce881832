/**
 * The Ceilometer v2 endpoint family, {@link io.meterkit.api.v2.CeilometerV2Api}: meters,
 * statistics, raw samples and sample ingest under {@code /v2}, with the K5 window rules as a {@link
 * io.meterkit.api.v2.WindowPolicy}.
 *
 * <p>Query terms ({@code q.field}, {@code q.op}, {@code q.value}, {@code q.type}) pair by position;
 * timestamp terms take {@code gt}, {@code ge}, {@code lt}, {@code le}, every other field {@code
 * eq}. Thread-safe.
 *
 * <pre>{@code
 * MeterApi api = MeterApi.builder(store).windowPolicy(WindowPolicy.NONE).build();
 * api.handle(ApiRequest.builder("GET",
 *         "/v2/meters/cpu_util/statistics?groupby=user_id&period=3600&aggregate.func=max")
 *     .principal(Principal.anonymousAdmin())
 *     .build());
 * }</pre>
 */
package io.meterkit.api.v2;
