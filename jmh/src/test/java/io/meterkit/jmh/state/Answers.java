package io.meterkit.jmh.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meterkit.jmh.peer.ResultRow;
import java.util.List;

/** Assertions that two implementations gave the same answer, in the same order. */
public final class Answers {
  /** Largest accepted relative difference of sums and averages. */
  public static final double RELATIVE = 1e-9;

  private Answers() {}

  /**
   * Asserts that {@code actual} lists the rows of {@code expected} in the same order, neither side
   * sorted: same groups and buckets at the same positions, same counts, minima and maxima, sums and
   * averages within {@link #RELATIVE}.
   *
   * @param who names the implementation in failure messages
   * @param actual its rows, as it returned them
   * @param expected the reference rows, in the order the implementation documents
   */
  public static void assertSameRows(String who, List<ResultRow> actual, List<ResultRow> expected) {
    assertThat(actual).as(who + " row count").hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      ResultRow a = actual.get(i);
      ResultRow e = expected.get(i);
      String row = who + " row " + i + " " + e;
      assertThat(a.bucket()).as(row + " bucket (rows out of order?)").isEqualTo(e.bucket());
      assertThat(a.group()).as(row + " group (rows out of order?)").isEqualTo(e.group());
      assertThat(a.count()).as(row + " count").isEqualTo(e.count());
      assertThat(a.min()).as(row + " min").isEqualTo(e.min());
      assertThat(a.max()).as(row + " max").isEqualTo(e.max());
      assertThat(a.sum()).as(row + " sum").isCloseTo(e.sum(), within(Math.abs(e.sum()) * RELATIVE));
      assertThat(a.avg()).as(row + " avg").isCloseTo(e.avg(), within(Math.abs(e.avg()) * RELATIVE));
    }
  }
}
