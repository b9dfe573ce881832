package io.meterkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.internal.state.MessageIds;
import io.meterkit.store.spi.Dictionary;
import io.meterkit.store.spi.StoreSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A batch with one invalid sample is rejected with a message naming that sample, and leaves no
 * trace: not in the snapshot, not in the dictionaries, not in the message ids, not in the ids the
 * store assigns next.
 */
class MeterStoreAtomicityTest {
  private static final long T0 = 1_413_936_000_000L; // 2014-10-22T00:00:00Z
  private static final long SEED = 42;

  /** A store holding 120 random samples of cpu_util (gauge, %) and network.incoming.bytes. */
  private record Base(MeterStore store, List<String> ids) {}

  private static Base base() {
    TestClock clock = new TestClock(1_700_000_000_000L);
    MeterStore store = MeterStore.create(StoreConfig.builder().chunkRows(8).clock(clock).build());
    RandomSamples samples = new RandomSamples(new Random(SEED), 2, 5);
    List<String> ids = new ArrayList<>();
    for (int batch = 0; batch < 6; batch++) {
      List<Sample> samplesOfBatch = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Sample sample = samples.next();
        samplesOfBatch.add(i % 3 == 0 ? sample.withMessageId(null) : sample);
      }
      ids.addAll(store.recordAllWithIds(samplesOfBatch).messageIds());
    }
    return new Base(store, ids);
  }

  /** A bad batch: the samples (one of them invalid), the invalid one's index, and the message. */
  private record Bad(List<Sample> batch, int index, String message) {}

  private static Sample.Builder sample(String meter, MeterType type, String unit) {
    return Sample.builder(meter, type, unit)
        .resourceId("new-resource")
        .timestampMillis(T0)
        .volume(1);
  }

  /**
   * Valid samples that would each change some state (a new meter, resource, project, metadata map,
   * client id, series, and a retry), the invalid sample, then one more valid sample.
   */
  private static Bad bad(Base base, Sample invalid, String problem) {
    Sample retry = base.store().sample(base.ids().get(1)).orElseThrow().sample();
    List<Sample> batch =
        new ArrayList<>(
            Arrays.asList(
                sample("disk.ops", MeterType.CUMULATIVE, "op")
                    .projectId("new-project")
                    .metadata(Map.of("new", "map"))
                    .build(),
                sample("cpu_util", MeterType.GAUGE, "%").messageId("new-client-1").build(),
                retry,
                sample("cpu_util", MeterType.GAUGE, "%")
                    .resourceId("instance-0")
                    .userId("new-user")
                    .build()));
    batch.add(invalid);
    batch.add(sample("cpu_util", MeterType.GAUGE, "%").timestampMillis(T0 + 5).build());
    return new Bad(batch, 4, "samples[4]: " + problem);
  }

  private static Arguments bad(String name, Function<Base, Bad> bad) {
    return Arguments.of(Named.of(name, bad));
  }

  static Stream<Arguments> badBatches() {
    return Stream.of(
        bad("a null sample", base -> bad(base, null, "sample must not be null")),
        bad(
            "a type that disagrees with the stored meter",
            base ->
                bad(
                    base,
                    sample("cpu_util", MeterType.DELTA, "%").build(),
                    "meter 'cpu_util' is a gauge in '%', got: a delta in '%'")),
        bad(
            "a unit that disagrees with the stored meter",
            base ->
                bad(
                    base,
                    sample("cpu_util", MeterType.GAUGE, "ratio").build(),
                    "meter 'cpu_util' is a gauge in '%', got: a gauge in 'ratio'")),
        bad(
            "a type that disagrees with an earlier sample of the batch",
            base ->
                bad(
                    base,
                    sample("disk.ops", MeterType.DELTA, "op").build(),
                    "meter 'disk.ops' is a cumulative in 'op', got: a delta in 'op'")),
        bad(
            "a unit that disagrees with an earlier sample of the batch",
            base ->
                bad(
                    base,
                    sample("disk.ops", MeterType.CUMULATIVE, "ops").build(),
                    "meter 'disk.ops' is a cumulative in 'op', got: a cumulative in 'ops'")),
        bad(
            "an assigned id of a series that does not exist",
            base -> {
              String id = MessageIds.format(T0, 0, 0, 999_999);
              return bad(base, withId(id), unknownAssigned(id));
            }),
        bad(
            "an assigned id of a meter that does not exist",
            base -> {
              String id = MessageIds.format(T0, 0, 77, 0);
              return bad(base, withId(id), unknownAssigned(id));
            }),
        bad(
            "an assigned id with a tie ordinal no stored row has",
            base -> {
              MessageIds.Decoded stored = firstAssigned(base);
              String id =
                  MessageIds.format(
                      stored.timestampMillis(), 4000, stored.meterOrdinal(), stored.seriesId());
              return bad(base, withId(id), unknownAssigned(id));
            }),
        bad(
            "an assigned id one millisecond off a stored row",
            base -> {
              MessageIds.Decoded stored = firstAssigned(base);
              String id =
                  MessageIds.format(
                      stored.timestampMillis() + 1,
                      stored.tieOrdinal(),
                      stored.meterOrdinal(),
                      stored.seriesId());
              return bad(base, withId(id), unknownAssigned(id));
            }),
        bad(
            "the assigned id of a row only this batch would create",
            base -> {
              // samples[0] would be the first row of meter 2 (disk.ops), series 0.
              String id = MessageIds.format(T0, 0, 2, 0);
              return bad(base, withId(id), unknownAssigned(id));
            }));
  }

  private static Sample withId(String id) {
    return sample("cpu_util", MeterType.GAUGE, "%").volume(99).messageId(id).build();
  }

  private static String unknownAssigned(String id) {
    return "messageId '"
        + id
        + "' has the form of an id meterkit assigns, but no stored sample has it";
  }

  private static MessageIds.Decoded firstAssigned(Base base) {
    return base.ids().stream()
        .map(MessageIds::parse)
        .filter(decoded -> decoded != null)
        .findFirst()
        .orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBatches")
  void rejectsTheWholeBatchNamingTheSampleAndChangesNothing(Function<Base, Bad> badBatch) {
    Base base = base();
    MeterStore store = base.store();
    Bad bad = badBatch.apply(base);
    StoreSnapshot before = store.snapshot();
    StoreReader.Contents contents = StoreReader.contents("before", before);
    int metadataIds = before.metadataIdBound();

    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> store.recordAll(bad.batch()))
        .withMessage(bad.message());
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> store.recordAllWithIds(bad.batch()))
        .withMessage(bad.message());

    StoreSnapshot after = store.snapshot();
    assertThat(StoreReader.contents("after", after)).isEqualTo(contents);
    assertThat(after.metadataIdBound()).isEqualTo(metadataIds);
    assertThat(after.resourceIds().idOf("new-resource")).isEqualTo(Dictionary.UNKNOWN_ID);
    assertThat(after.projectIds().idOf("new-project")).isEqualTo(Dictionary.UNKNOWN_ID);
    assertThat(after.userIds().idOf("new-user")).isEqualTo(Dictionary.UNKNOWN_ID);
    assertThat(store.sample("new-client-1")).isEmpty();

    // No hidden state either: what is valid in the batch is then recorded exactly as by a store
    // that never saw the bad batch, down to the ids it assigns.
    List<Sample> valid = new ArrayList<>(bad.batch());
    valid.remove(bad.index());
    MeterStore twin = base().store();
    IngestReceipt expected = twin.recordAllWithIds(valid);
    assertThat(store.recordAllWithIds(valid)).isEqualTo(expected);
    assertThat(expected.stored()).isEqualTo(valid.size() - 1);
    assertThat(StoreReader.contents("store", store.snapshot()))
        .isEqualTo(StoreReader.contents("twin", twin.snapshot()));
    assertThat(store.snapshot().metadataIdBound()).isEqualTo(twin.snapshot().metadataIdBound());
  }

  @Test
  void recordRejectsASampleWithoutAnIndexInTheMessage() {
    MeterStore store = base().store();
    StoreReader.Contents contents = StoreReader.contents("before", store.snapshot());
    String id = MessageIds.format(T0, 0, 0, 999_999);

    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> store.record(sample("cpu_util", MeterType.DELTA, "%").build()))
        .withMessage("meter 'cpu_util' is a gauge in '%', got: a delta in '%'");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> store.record(withId(id)))
        .withMessage(unknownAssigned(id));
    assertThat(StoreReader.contents("after", store.snapshot())).isEqualTo(contents);
  }

  @Test
  void rejectsNullArguments() {
    MeterStore store = base().store();

    assertThatNullPointerException().isThrownBy(() -> store.record(null)).withMessage("sample");
    assertThatNullPointerException().isThrownBy(() -> store.recordAll(null)).withMessage("samples");
    assertThatNullPointerException()
        .isThrownBy(() -> store.recordAllWithIds(null))
        .withMessage("samples");
  }

  @Test
  void acceptsAnEmptyBatch() {
    MeterStore store = base().store();
    StoreReader.Contents contents = StoreReader.contents("before", store.snapshot());

    assertThat(store.recordAll(List.of())).isZero();
    assertThat(store.recordAllWithIds(List.of())).isEqualTo(new IngestReceipt(List.of(), 0, 0));
    assertThat(StoreReader.contents("after", store.snapshot())).isEqualTo(contents);
  }
}
