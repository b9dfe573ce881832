/**
 * Benchmarks of the HTTP adapter ({@code io.meterkit.api}): {@link
 * io.meterkit.jmh.api.PostSamplesBenchmark} posts {@link io.meterkit.jmh.api.PostBodies} through
 * the whole adapter path beside Jackson parse-only baselines.
 */
package io.meterkit.jmh.api;
