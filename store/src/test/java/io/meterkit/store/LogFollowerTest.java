package io.meterkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.Sample;
import io.meterkit.store.internal.ingest.StoreWriter;
import io.meterkit.store.internal.io.StoreFiles;
import io.meterkit.store.internal.log.IngestLog;
import io.meterkit.store.internal.log.LogEntry;
import io.meterkit.store.internal.log.RetentionChange;
import io.meterkit.store.internal.snapshot.LoadedSnapshot;
import io.meterkit.store.internal.snapshot.SnapshotReader;
import io.meterkit.store.internal.snapshot.SnapshotWriter;
import io.meterkit.store.internal.state.MessageIds;
import io.meterkit.store.internal.state.StoreState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seam a replicated log plugs into: a store that applies the entries another store logged, and
 * logs nothing itself, ends in exactly the state of the store that wrote them (rows, ids, dedupe
 * state, arrival numbers), whether it starts empty or from a snapshot taken midway.
 */
class LogFollowerTest {
  @TempDir Path directory;

  private final TestClock clock = new TestClock(Batches.START_MILLIS);
  private final StoreConfig config = StoreConfig.builder().chunkRows(32).clock(clock).build();
  // The followers' clock is a year off: everything they store must come from the entries.
  private final StoreConfig followerConfig =
      StoreConfig.builder()
          .chunkRows(32)
          .clock(new TestClock(Batches.START_MILLIS + Duration.ofDays(365).toMillis()))
          .build();

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void aStoreThatAppliesAnotherStoresLogHoldsExactlyWhatThatStoreHolds(long seed)
      throws IOException {
    System.out.println("LogFollowerTest seed " + seed);
    ListLog log = new ListLog();
    StoreWriter leader = new StoreWriter(config, StoreState.empty(), log);
    write(leader, seed, 150);

    StoreWriter follower = new StoreWriter(followerConfig, StoreState.empty(), null);
    IngestLog.Replayed replayed = log.replay(0, follower::applyLogged);

    assertThat(replayed.entriesReplayed()).isEqualTo(log.entries.size());
    assertThat(StoreContents.of(follower)).isEqualTo(StoreContents.of(leader));
  }

  @Test
  void aStoreBuiltFromASnapshotStateAndTheLogAfterItsPositionHoldsWhatTheWriterHolds()
      throws IOException {
    ListLog log = new ListLog();
    StoreWriter leader = new StoreWriter(config, StoreState.empty(), log);
    write(leader, 7, 60);
    StoreWriter.Captured captured = leader.capture();
    LoadedSnapshot snapshot = roundTrip(captured);
    write(leader, 8, 60);

    StoreWriter follower = new StoreWriter(followerConfig, snapshot.state(), null);
    IngestLog.Replayed replayed = log.replay(snapshot.logPosition(), follower::applyLogged);

    assertThat(snapshot.logPosition()).isEqualTo(captured.logPosition()).isPositive();
    assertThat(replayed.entriesReplayed()).isEqualTo(log.entries.size() - snapshot.logPosition());
    assertThat(StoreContents.of(follower)).isEqualTo(StoreContents.of(leader));
  }

  // Random batches with retries of stored ids, a crowd past the last tie ordinal, and retention.
  private void write(StoreWriter writer, long seed, int batchCount) {
    Batches batches = new Batches(seed);
    Random actions = new Random(seed * 17);
    List<List<Sample>> sent = new ArrayList<>();
    for (int i = 0; i < batchCount; i++) {
      List<Sample> batch =
          !sent.isEmpty() && actions.nextInt(6) == 0
              ? sent.get(actions.nextInt(sent.size())) // a retry
              : batches.next(25);
      sent.add(batch);
      writer.recordAllWithIds(batch);
      clock.advance(Duration.ofMinutes(1).toMillis());
      if (actions.nextInt(20) == 0) {
        writer.dropChunks(RetentionChange.EVERY_METER, writer.cutoffMillis(Duration.ofMinutes(60)));
      }
    }
    writer.recordAll(
        Batches.crowd(MessageIds.MAX_TIE_ORDINAL + 3, clock.millis()), true, null); // 2 overflow
  }

  private LoadedSnapshot roundTrip(StoreWriter.Captured captured) throws IOException {
    List<String> problems = new ArrayList<>();
    try (StoreFiles files = StoreFiles.open(directory, problems)) {
      new SnapshotWriter(files, null).write(captured.state(), captured.logPosition(), 0);
      return new SnapshotReader(files).loadLatest(problems);
    }
  }

  /** The entries a replicated log would deliver: kept in a list, positions 1, 2, 3, ... */
  static final class ListLog implements IngestLog {
    final List<LogEntry> entries = new ArrayList<>();

    @Override
    public Replayed replay(long afterPosition, EntryConsumer consumer) throws IOException {
      for (int i = (int) afterPosition; i < entries.size(); i++) {
        consumer.accept(i + 1, entries.get(i));
      }
      return new Replayed(entries.size(), entries.size() - afterPosition, null);
    }

    @Override
    public long append(LogEntry entry) {
      entries.add(entry);
      return entries.size();
    }

    @Override
    public void awaitDurable(long position) {}

    @Override
    public long checkpointPosition() {
      return entries.size();
    }

    @Override
    public void discardThrough(long position) {}

    @Override
    public IOException failure() {
      return null;
    }

    @Override
    public void close() {}
  }
}
