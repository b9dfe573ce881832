/**
 * What the four API families share and a host never needs: the configured JSON mapper and tree
 * helpers ({@link io.meterkit.api.internal.Json}), the sample JSON forms ({@link
 * io.meterkit.api.internal.SampleJson}, {@link io.meterkit.api.internal.SampleReader}), parameter
 * parsing ({@link io.meterkit.api.internal.Params}, {@link io.meterkit.api.internal.QueryTerm},
 * {@link io.meterkit.api.internal.MetadataPrefix}), the one time-window parser ({@link
 * io.meterkit.api.internal.TimeWindow}), ANDed request conditions ({@link
 * io.meterkit.api.internal.Conditions}) and the project access rules ({@link
 * io.meterkit.api.internal.Access}).
 *
 * <p>The types are public only so that the family packages can share them; they are not part of
 * meterkit's API and may change in any release. Jackson types appear in their signatures, and only
 * here. Every refusal they raise carries a {@link io.meterkit.core.Violation}. Thread-safe: every
 * type documents it; most are stateless.
 */
package io.meterkit.api.internal;
