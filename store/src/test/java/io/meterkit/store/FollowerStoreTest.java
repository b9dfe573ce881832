package io.meterkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.internal.durable.FollowerStore;
import io.meterkit.store.internal.ingest.StoreWriter;
import io.meterkit.store.internal.log.IngestBatch;
import io.meterkit.store.internal.log.LogEntry;
import io.meterkit.store.internal.state.StoreState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower (the store of one partition of a replicated log) holds what the writer of the log
 * holds, whether it applied every entry or reopened from its own snapshot and applied the rest; its
 * position only moves forward, and an entry it refuses moves it without changing anything.
 */
class FollowerStoreTest {
  @TempDir Path directory;

  private final TestClock clock = new TestClock(Batches.START_MILLIS);
  private final StoreConfig config = StoreConfig.builder().chunkRows(32).clock(clock).build();

  @Test
  void aFollowerReopenedFromItsSnapshotAndFedTheRestHoldsWhatTheWriterHolds() throws IOException {
    LogFollowerTest.ListLog log = new LogFollowerTest.ListLog();
    StoreWriter writer = new StoreWriter(config, StoreState.empty(), log);
    Batches batches = new Batches(5);
    for (int i = 0; i < 80; i++) {
      writer.recordAllWithIds(batches.next(25));
      clock.advance(Duration.ofMinutes(1).toMillis());
    }
    List<LogEntry> entries = log.entries;
    int half = entries.size() / 2;

    try (FollowerStore first = FollowerStore.open(directory, config)) {
      assertThat(first.loadedSnapshot()).isNull();
      for (int i = 0; i < half; i++) {
        first.apply(i + 1, entries.get(i));
      }
      assertThat(first.snapshot()).isTrue();
      assertThat(first.snapshot()).isFalse(); // nothing changed since
    }
    try (FollowerStore reopened = FollowerStore.open(directory, config)) {
      assertThat(reopened.position()).isEqualTo(half);
      assertThat(reopened.loadedPosition()).isEqualTo(half);
      for (int i = half; i < entries.size(); i++) {
        reopened.apply(i + 1, entries.get(i));
      }
      assertThat(StoreContents.of(reopened.state())).isEqualTo(StoreContents.of(writer.state()));
    }
  }

  @Test
  void thePositionOnlyMovesForward() throws IOException {
    try (FollowerStore follower = FollowerStore.open(null, config)) {
      follower.apply(3, batch(sample(MeterType.GAUGE, "a")));
      assertThatExceptionOfType(IllegalArgumentException.class)
          .isThrownBy(() -> follower.apply(3, batch(sample(MeterType.GAUGE, "b"))))
          .withMessage("an entry's position must be past 3, got: 3");
      assertThatExceptionOfType(IllegalArgumentException.class)
          .isThrownBy(() -> follower.advanceTo(2))
          .withMessage("position must not go back, at 3, got: 2");
      follower.advanceTo(7);
      assertThat(follower.position()).isEqualTo(7);
      assertThat(follower.state().nextArrival()).isEqualTo(1);
    }
  }

  @Test
  void anEntryTheStateRefusesMovesThePositionAndChangesNothing() throws IOException {
    try (FollowerStore follower = FollowerStore.open(directory, config)) {
      follower.apply(1, batch(sample(MeterType.GAUGE, "a")));
      String before = StoreContents.of(follower.state());

      assertThatExceptionOfType(InvalidSampleException.class)
          .isThrownBy(() -> follower.apply(2, batch(sample(MeterType.DELTA, "b"))));

      assertThat(follower.position()).isEqualTo(2);
      assertThat(StoreContents.of(follower.state())).isEqualTo(before);
    }
  }

  @Test
  void aFollowerWithoutADirectoryTakesNoSnapshot() throws IOException {
    try (FollowerStore follower = FollowerStore.open(null, config)) {
      assertThat(follower.hasDirectory()).isFalse();
      assertThatExceptionOfType(IllegalStateException.class)
          .isThrownBy(follower::snapshot)
          .withMessage("a follower without a directory takes no snapshot");
    }
  }

  private IngestBatch batch(Sample sample) {
    return new IngestBatch(clock.millis(), List.of(sample));
  }

  private static Sample sample(MeterType type, String id) {
    return Sample.builder("cpu_util", type, "%")
        .volume(1)
        .timestampMillis(Batches.START_MILLIS)
        .resourceId("vm-1")
        .messageId(id)
        .build();
  }
}
