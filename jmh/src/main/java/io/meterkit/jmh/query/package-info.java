/**
 * Query benchmarks: Q1–Q4 on meterkit, DuckDB, H2 and the naive baseline, and the roofline loops on
 * plain sorted columns.
 *
 * <p>Q1: count/sum/avg/min/max over the second half of the time range; Q2: Q1 grouped by project;
 * Q3: grouped by resource with a one-hour period over one day; Q4: max of one resource over one
 * day. See {@link io.meterkit.jmh.state.Workload}. The billing aggregates (increase, integral, twa,
 * percentile) on meterkit and the naive baseline: see {@link io.meterkit.jmh.state.BillingQueries}.
 */
package io.meterkit.jmh.query;
