/**
 * JMH benchmarks of meterkit against DuckDB, H2, a naive {@code ArrayList} + streams baseline and
 * two roofline loops, all on the same generated data in the same run; plus {@link
 * io.meterkit.jmh.Report}, which turns the JSON results into the table of {@code jmh/README.md}.
 *
 * <p>Subpackages mirror the code under test: {@code .store} (ingest, memory), {@code .query}
 * (Q1–Q4, rooflines); shared JMH {@code @State} fixtures and the seeded data generator live in
 * {@code .state}, the peers' implementations in {@code .peer}. Run everything with {@code
 * jmh/run.sh}; {@code mvn verify} only builds the benchmarks and runs their correctness tests.
 */
package io.meterkit.jmh;
