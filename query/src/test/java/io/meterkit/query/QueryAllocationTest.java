package io.meterkit.query;

import static io.meterkit.query.Fixtures.cpu;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Queries that can match nothing answer without scanning and without allocating more than their
 * plan: an empty series selection once cost a 512 MiB bitmap ({@code (-1 >>> 6) + 1} words).
 */
class QueryAllocationTest {
  private static final long ONE_MIB = 1 << 20;

  private final QueryEngine engine =
      Fixtures.engine(8, cpu(1, "2014-10-22T00:00:00"), cpu(2, "2014-10-22T00:01:00"));

  @Test
  void statisticsWithAFilterValueUnknownToTheStoreAllocateLessThanAMebibyte() {
    StatisticsQuery query =
        StatisticsQuery.builder(Fixtures.CPU)
            .filter(Filter.builder().equal(Dimension.RESOURCE_ID, "unknown").build())
            .build();

    assertThat(allocatedBytes(() -> engine.statistics(query))).isLessThan(ONE_MIB);
  }

  @Test
  void statisticsWithAFilterThatAcceptsNoSeriesOfTheMeterAllocateLessThanAMebibyte() {
    StatisticsQuery query =
        StatisticsQuery.builder(Fixtures.CPU)
            .filter(
                Filter.builder()
                    .equal(Dimension.RESOURCE_ID, "r1")
                    .equal(Dimension.PROJECT_ID, null)
                    .build())
            .build();

    assertThat(allocatedBytes(() -> engine.statistics(query))).isLessThan(ONE_MIB);
  }

  @Test
  void sampleListingsOverMetersWithoutMatchingSeriesAllocateLessThanAMebibyte() {
    SampleQuery query =
        SampleQuery.builder()
            .filter(Filter.builder().equal(Dimension.USER_ID, "unknown").build())
            .build();

    assertThat(allocatedBytes(() -> engine.samples(query))).isLessThan(ONE_MIB);
  }

  /** Bytes the current thread allocates for a second run of {@code action} (the first warms up). */
  private static long allocatedBytes(Supplier<?> action) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertThat(action.get()).asList().isEmpty();
    long before = threads.getCurrentThreadAllocatedBytes();
    Object result = action.get();
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(result).asList().isEmpty();
    return allocated;
  }
}
