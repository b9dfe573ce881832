package io.meterkit.store.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

class SeriesSelectionTest {

  @Test
  void allContainsEverySeries() {
    SeriesSelection all = SeriesSelection.all();

    assertThat(all.isAll()).isTrue();
    assertThat(all.isEmpty()).isFalse();
    assertThat(all.size()).isEqualTo(-1);
    assertThat(all.contains(0)).isTrue();
    assertThat(all.contains(1 << 30)).isTrue();
  }

  @Test
  void ofKeepsDistinctIdsSorted() {
    SeriesSelection selection = SeriesSelection.of(70, 3, 1, 3, 64);

    assertThat(selection.isAll()).isFalse();
    assertThat(selection.isEmpty()).isFalse();
    assertThat(selection.size()).isEqualTo(4);
    assertThat(
            new int[] {selection.idAt(0), selection.idAt(1), selection.idAt(2), selection.idAt(3)})
        .containsExactly(1, 3, 64, 70);
  }

  @Test
  void containsExactlyTheGivenIds() {
    SeriesSelection selection = SeriesSelection.of(70, 3, 1, 64);

    for (int id = -70; id < 300; id++) {
      boolean expected = id == 1 || id == 3 || id == 64 || id == 70;
      assertThat(selection.contains(id)).as("contains(%d)", id).isEqualTo(expected);
    }
    assertThat(selection.contains(Integer.MAX_VALUE)).isFalse();
    assertThat(selection.contains(Integer.MIN_VALUE)).isFalse();
  }

  @Test
  void anEmptySelectionContainsNothing() {
    SeriesSelection none = SeriesSelection.of();

    assertThat(none.isEmpty()).isTrue();
    assertThat(none.isAll()).isFalse();
    assertThat(none.size()).isZero();
    assertThat(none.contains(0)).isFalse();
    assertThat(none.contains(63)).isFalse();
  }

  @Test
  void anEmptySelectionHoldsNoBitmap() throws ReflectiveOperationException {
    // Queries whose filters match no series build this selection: it must cost nothing.
    Field words = SeriesSelection.class.getDeclaredField("words");
    words.setAccessible(true);

    assertThat((long[]) words.get(SeriesSelection.of())).isEmpty();
    assertThat((long[]) words.get(SeriesSelection.of(0))).hasSize(1);
    assertThat((long[]) words.get(SeriesSelection.of(64))).hasSize(2);
  }

  @Test
  void rejectsNegativeIdsNamingTheSmallest() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SeriesSelection.of(-1))
        .withMessage("series ids must be >= 0, got: -1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SeriesSelection.of(5, -3, -7))
        .withMessage("series ids must be >= 0, got: -7");
  }
}
