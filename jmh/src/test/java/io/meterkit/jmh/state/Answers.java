package io.meterkit.jmh.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meterkit.jmh.peer.ResultRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Assertions that two implementations gave the same answer. */
public final class Answers {
  /** Largest accepted relative difference of sums and averages. */
  public static final double RELATIVE = 1e-9;

  private static final Comparator<ResultRow> ORDER =
      Comparator.comparingLong(ResultRow::bucket)
          .thenComparing(ResultRow::group, Comparator.nullsFirst(Comparator.naturalOrder()));

  private Answers() {}

  private static List<ResultRow> sorted(List<ResultRow> rows) {
    List<ResultRow> copy = new ArrayList<>(rows);
    copy.sort(ORDER);
    return copy;
  }

  /**
   * Asserts that {@code actual} has the rows of {@code expected}, ordered by bucket then group
   * (meterkit orders rows without a period by their first sample's time instead): same groups,
   * buckets, counts, minima and maxima, sums and averages within {@link #RELATIVE}.
   *
   * @param who names the implementation in failure messages
   * @param actual its rows
   * @param expected the reference rows
   */
  public static void assertSameRows(
      String who, List<ResultRow> unsortedActual, List<ResultRow> unsortedExpected) {
    List<ResultRow> actual = sorted(unsortedActual);
    List<ResultRow> expected = sorted(unsortedExpected);
    assertThat(actual).as(who + " row count").hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      ResultRow a = actual.get(i);
      ResultRow e = expected.get(i);
      String row = who + " row " + i + " " + e;
      assertThat(a.group()).as(row + " group").isEqualTo(e.group());
      assertThat(a.bucket()).as(row + " bucket").isEqualTo(e.bucket());
      assertThat(a.count()).as(row + " count").isEqualTo(e.count());
      assertThat(a.min()).as(row + " min").isEqualTo(e.min());
      assertThat(a.max()).as(row + " max").isEqualTo(e.max());
      assertThat(a.sum()).as(row + " sum").isCloseTo(e.sum(), within(Math.abs(e.sum()) * RELATIVE));
      assertThat(a.avg()).as(row + " avg").isCloseTo(e.avg(), within(Math.abs(e.avg()) * RELATIVE));
    }
  }
}
