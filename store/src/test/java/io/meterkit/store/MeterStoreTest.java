package io.meterkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meterkit.core.Meter;
import io.meterkit.core.MeterType;
import io.meterkit.core.Resource;
import io.meterkit.core.Sample;
import io.meterkit.core.TimeRange;
import io.meterkit.store.internal.state.MessageIds;
import io.meterkit.store.spi.MeterSnapshot;
import io.meterkit.store.spi.SeriesSelection;
import io.meterkit.store.spi.StoreSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Example-based tests of {@link MeterStore}; the property tests cover the same ground at random.
 */
class MeterStoreTest {
  private static final long T0 = 1_413_936_000_000L; // 2014-10-22T00:00:00Z

  private final TestClock clock = new TestClock(1_700_000_000_123L);

  private MeterStore store(int chunkRows) {
    return MeterStore.create(StoreConfig.builder().chunkRows(chunkRows).clock(clock).build());
  }

  private static Sample.Builder cpu(String resource, long timestampMillis, double volume) {
    return Sample.builder("cpu_util", MeterType.GAUGE, "%")
        .resourceId(resource)
        .timestampMillis(timestampMillis)
        .volume(volume);
  }

  private static List<StoredSample> rows(StoreSnapshot snapshot, String meter) {
    MeterSnapshot view = snapshot.meter(meter).orElseThrow();
    return StoreReader.scan(meter, snapshot, view, TimeRange.ALL, SeriesSelection.all());
  }

  @Test
  void recordsLateSamplesInTimestampOrder() {
    MeterStore store = store(8);
    for (int i = 19; i >= 0; i--) {
      store.record(cpu("r1", T0 + i * 1000L, i).build());
    }

    List<StoredSample> rows = rows(store.snapshot(), "cpu_util");

    assertThat(StoreReader.inTimeOrder(rows).values())
        .singleElement()
        .satisfies(
            series ->
                assertThat(series)
                    .extracting(row -> row.sample().volume())
                    .containsExactly(
                        0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0,
                        14.0, 15.0, 16.0, 17.0, 18.0, 19.0));
    MeterSnapshot meter = store.snapshot().meter("cpu_util").orElseThrow();
    assertThat(meter.sampleCount()).isEqualTo(20);
    assertThat(meter.firstTimestampMillis(0)).isEqualTo(T0);
    assertThat(meter.lastTimestampMillis(0)).isEqualTo(T0 + 19_000);
  }

  @Test
  void keepsTheArrivalOrderOfEqualTimestampsAcrossChunksAndNumbersTheirTies() {
    MeterStore store = store(8);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.addAll(store.recordAllWithIds(List.of(cpu("r1", T0, i).build())).messageIds());
    }

    List<StoredSample> rows =
        StoreReader.inTimeOrder(rows(store.snapshot(), "cpu_util"))
            .get(ReferenceStore.seriesKey(cpu("r1", T0, 0).build()).toString());

    assertThat(rows).extracting(row -> row.sample().volume()).isSortedAccordingTo(Double::compare);
    assertThat(rows).extracting(row -> row.sample().messageId()).isEqualTo(ids);
    for (int tie = 0; tie < 20; tie++) {
      assertThat(ids.get(tie)).isEqualTo(MessageIds.format(T0, tie, 0, 0));
    }
  }

  @Test
  void countsRowsWithClientIdsWhenNumberingTies() {
    MeterStore store = store(8);
    store.record(cpu("r1", T0, 1).messageId("client-1").build());

    IngestReceipt receipt = store.recordAllWithIds(List.of(cpu("r1", T0, 2).build()));

    assertThat(receipt.messageIds()).containsExactly(MessageIds.format(T0, 1, 0, 0));
    assertThat(store.sample(receipt.messageIds().get(0)).orElseThrow().sample().volume())
        .isEqualTo(2.0);
  }

  @Test
  void ignoresRetriesOfAClientMessageIdTheFirstOneWinning() {
    MeterStore store = store(8);
    Sample first = cpu("r1", T0, 1).messageId("m-1").build();
    Sample conflicting = cpu("r1", T0 + 5, 2).messageId("m-1").build();

    assertThat(store.record(first)).isTrue();
    assertThat(store.record(first)).isFalse();
    assertThat(store.recordAll(List.of(conflicting, first))).isZero();
    IngestReceipt receipt =
        store.recordAllWithIds(
            List.of(
                cpu("r1", T0, 3).messageId("m-2").build(),
                cpu("r1", T0, 4).messageId("m-2").build(),
                first));

    assertThat(receipt).isEqualTo(new IngestReceipt(List.of("m-2", "m-2", "m-1"), 1, 2));
    assertThat(store.snapshot().sampleCount()).isEqualTo(2);
    assertThat(store.sample("m-1").orElseThrow().sample()).isEqualTo(first);
    assertThat(store.sample("m-2").orElseThrow().sample().volume()).isEqualTo(3.0);
  }

  @Test
  void neverDeduplicatesSamplesWithoutAnId() {
    MeterStore store = store(8);
    Sample sample = cpu("r1", T0, 1).build();

    assertThat(store.recordAll(List.of(sample, sample))).isEqualTo(2);
    assertThat(store.record(sample)).isTrue();
    assertThat(store.snapshot().sampleCount()).isEqualTo(3);
  }

  @Test
  void treatsAnAssignedIdSentBackAsARetry() {
    MeterStore store = store(8);
    String assigned = store.recordAllWithIds(List.of(cpu("r1", T0, 1).build())).messageIds().get(0);

    IngestReceipt receipt =
        store.recordAllWithIds(List.of(cpu("r1", T0 + 1, 9).messageId(assigned).build()));

    assertThat(receipt).isEqualTo(new IngestReceipt(List.of(assigned), 0, 1));
    assertThat(store.sample(assigned).orElseThrow().sample().volume()).isEqualTo(1.0);
  }

  @Test
  void givesTheRowsBeyondTheLastTieOrdinalAnIdDerivedFromTheirCoordinates() {
    MeterStore store = store(1024);
    List<Sample> batch = new ArrayList<>();
    for (int i = 0; i <= MessageIds.MAX_TIE_ORDINAL + 1; i++) {
      batch.add(cpu("r1", T0, i).build());
    }

    List<String> ids = store.recordAllWithIds(batch).messageIds();

    assertThat(ids.get(MessageIds.MAX_TIE_ORDINAL))
        .isEqualTo(MessageIds.format(T0, MessageIds.MAX_TIE_ORDINAL, 0, 0));
    String overflow = ids.get(MessageIds.MAX_TIE_ORDINAL + 1);
    assertThat(MessageIds.parse(overflow)).isNull();
    // The name-based UUID of (meter 0, series 0, T0, tie 4096, attempt 0): the same in any store.
    assertThat(overflow)
        .isEqualTo(
            UUID.nameUUIDFromBytes(
                    ("meterkit tie overflow 0 0 " + T0 + " 4096 0")
                        .getBytes(StandardCharsets.UTF_8))
                .toString());
    assertThat(UUID.fromString(overflow).version()).isEqualTo(3);
    assertThat(store(1024).recordAllWithIds(batch).messageIds()).isEqualTo(ids);
    assertThat(store.sample(overflow).orElseThrow().sample())
        .isEqualTo(batch.get(MessageIds.MAX_TIE_ORDINAL + 1).withMessageId(overflow));
    assertThat(store.sample(ids.get(17)).orElseThrow().sample().volume()).isEqualTo(17.0);
  }

  @Test
  void anOverflowIdAClientAlreadyUsesIsSkippedForTheNextAttempt() {
    MeterStore store = store(1024);
    String taken =
        UUID.nameUUIDFromBytes(
                ("meterkit tie overflow 0 0 " + T0 + " 4096 0").getBytes(StandardCharsets.UTF_8))
            .toString();
    store.record(cpu("r0", T0, -1).messageId(taken).build()); // meter 0, series 0, tie 0
    List<Sample> crowd = new ArrayList<>();
    for (int i = 1; i <= MessageIds.MAX_TIE_ORDINAL; i++) {
      crowd.add(cpu("r0", T0, i).build()); // ties 1..4095
    }
    store.recordAll(crowd);

    String next = store.recordAllWithIds(List.of(cpu("r0", T0, 9999).build())).messageIds().get(0);

    assertThat(next)
        .isEqualTo(
            UUID.nameUUIDFromBytes(
                    ("meterkit tie overflow 0 0 " + T0 + " 4096 1")
                        .getBytes(StandardCharsets.UTF_8))
                .toString());
    assertThat(store.sample(taken).orElseThrow().sample().volume()).isEqualTo(-1.0);
    assertThat(store.sample(next).orElseThrow().sample().volume()).isEqualTo(9999.0);
  }

  @Test
  void stampsEachBatchWithTheClockTruncatedToSeconds() {
    MeterStore store = store(8);
    store.record(cpu("r1", T0, 1).messageId("a").build());
    clock.advance(2_000);
    store.recordAll(List.of(cpu("r1", T0, 2).messageId("b").build()));

    assertThat(store.sample("a").orElseThrow().recordedAtMillis()).isEqualTo(1_700_000_000_000L);
    assertThat(store.sample("b").orElseThrow().recordedAtMillis()).isEqualTo(1_700_000_002_000L);
  }

  @Test
  void aSnapshotDoesNotSeeLaterBatches() {
    MeterStore store = store(8);
    for (int i = 0; i < 10; i++) {
      store.record(cpu("r" + i % 3, T0 + i, i).build());
    }
    StoreSnapshot before = store.snapshot();
    StoreReader.Contents contents = StoreReader.contents("before", before);

    for (int i = 0; i < 30; i++) {
      store.record(cpu("r" + i % 5, T0 - i, i).metadata(Map.of("k", "v" + i)).build());
      store.record(
          Sample.builder("other", MeterType.DELTA, "B")
              .resourceId("r9")
              .timestampMillis(T0)
              .volume(i)
              .build());
    }

    assertThat(StoreReader.contents("before, read again", before)).isEqualTo(contents);
    assertThat(before.sampleCount()).isEqualTo(10);
    assertThat(store.snapshot().sampleCount()).isEqualTo(70);
  }

  @Test
  void theOwnerOfAResourceIsThatOfItsLatestSampleTheLaterArrivalWinningTies() {
    MeterStore store = store(8);
    store.record(cpu("r1", T0, 1).projectId("p1").metadata(Map.of("v", "1")).build());
    store.record(cpu("r1", T0 + 10, 2).projectId("p2").metadata(Map.of("v", "2")).build());
    store.record(cpu("r1", T0 + 10, 3).projectId("p1").metadata(Map.of("v", "3")).build());

    List<Resource> resources = store.snapshot().resources();

    assertThat(resources)
        .containsExactly(
            new Resource(
                "r1",
                "p1",
                null,
                null,
                T0,
                T0 + 10,
                Map.of("v", "3"),
                List.of(new Meter("cpu_util", MeterType.GAUGE, "%", "r1", "p1", null, null))));
    assertThat(store.snapshot().meterCatalog())
        .containsExactly(new Meter("cpu_util", MeterType.GAUGE, "%", "r1", "p1", null, null));
  }

  @Test
  void theLaterArrivalWinsATieBetweenMetersToo() {
    MeterStore store = store(8);
    store.record(
        Sample.builder("a_meter", MeterType.DELTA, "B")
            .resourceId("r1")
            .projectId("p-old")
            .timestampMillis(T0)
            .volume(1)
            .build());
    store.record(
        Sample.builder("b_meter", MeterType.DELTA, "B")
            .resourceId("r1")
            .projectId("p-b")
            .timestampMillis(T0 + 10)
            .volume(1)
            .metadata(Map.of("from", "b"))
            .build());
    store.record(
        Sample.builder("a_meter", MeterType.DELTA, "B")
            .resourceId("r1")
            .projectId("p-a")
            .timestampMillis(T0 + 10)
            .volume(1)
            .metadata(Map.of("from", "a"))
            .build());

    Resource resource = store.snapshot().resources().get(0);

    assertThat(resource.projectId()).isEqualTo("p-a");
    assertThat(resource.metadata()).isEqualTo(Map.of("from", "a"));
    assertThat(resource.meters())
        .extracting(Meter::name, Meter::projectId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a_meter", "p-a"),
            org.assertj.core.groups.Tuple.tuple("b_meter", "p-b"));
  }

  @Test
  void findsSamplesByAssignedIdInSealedChunksAndInTheHead() {
    MeterStore store = store(8);
    List<Sample> batch = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      batch.add(cpu("r" + i % 2, T0 + i, i).projectId(i % 4 == 0 ? null : "p").build());
    }

    List<String> ids = store.recordAllWithIds(batch).messageIds();

    for (int i = 0; i < batch.size(); i++) {
      assertThat(store.sample(ids.get(i)).orElseThrow().sample())
          .as("samples[%d]", i)
          .isEqualTo(batch.get(i).withMessageId(ids.get(i)));
    }
    assertThat(store.sample(null)).isEmpty();
  }

  @Test
  void rejectsSeriesRowAndDictionaryIdsOutOfRange() {
    MeterStore store = store(8);
    store.recordAll(List.of(cpu("r1", T0, 1).build(), cpu("r1", T0 + 1, 2).build()));
    StoreSnapshot snapshot = store.snapshot();
    MeterSnapshot meter = snapshot.meter("cpu_util").orElseThrow();

    assertThatExceptionOfType(IndexOutOfBoundsException.class)
        .isThrownBy(() -> meter.sampleCount(1))
        .withMessage("seriesId must be in [0, 1), got: 1");
    assertThatExceptionOfType(IndexOutOfBoundsException.class)
        .isThrownBy(() -> meter.resourceIdOf(-1))
        .withMessage("seriesId must be in [0, 1), got: -1");
    assertThatExceptionOfType(IndexOutOfBoundsException.class)
        .isThrownBy(() -> snapshot.resourceIds().valueOf(99))
        .withMessage("dictionary id 99 was never assigned");
    List<String> messages = new ArrayList<>();
    meter.scan(
        TimeRange.ALL,
        SeriesSelection.all(),
        block -> {
          for (int row : new int[] {-1, block.rowCount()}) {
            try {
              block.sample(row);
            } catch (IndexOutOfBoundsException e) {
              messages.add(e.getMessage());
            }
          }
        });
    assertThat(messages).containsExactly("row -1 of a block of 2", "row 2 of a block of 2");
  }
}
