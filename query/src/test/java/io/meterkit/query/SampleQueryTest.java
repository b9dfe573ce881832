package io.meterkit.query;

import static io.meterkit.query.Fixtures.cpu;
import static io.meterkit.query.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.core.TimeRange;
import io.meterkit.query.Fixtures.EachChunkLayout;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoreConfig;
import io.meterkit.store.StoredSample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Raw sample listings: range, filter, limit, and the order newest first, then meter, resource, id.
 */
class SampleQueryTest {
  /**
   * Seven samples whose volume tells them apart, listed in the expected order: 7 (10:00:02), 5
   * (10:00:01), then four at 10:00:00 ordered by meter, resource and message id: 3 (cpu_util r1
   * m-a), 2 (cpu_util r1 m-z), 1 (cpu_util r2), 4 (disk.read r1); last 6 (09:59:59, no client id).
   */
  private static List<Sample> seven() {
    return List.of(
        cpu(1, "2014-10-22T10:00:00").resourceId("r2").messageId("m-c").build(),
        cpu(2, "2014-10-22T10:00:00").messageId("m-z").build(),
        cpu(3, "2014-10-22T10:00:00").messageId("m-a").build(),
        Sample.builder("disk.read", MeterType.DELTA, "B")
            .volume(4)
            .timestampMillis(t("2014-10-22T10:00:00"))
            .resourceId("r1")
            .messageId("m-b")
            .build(),
        cpu(5, "2014-10-22T10:00:01").messageId("m-y").build(),
        cpu(6, "2014-10-22T09:59:59").resourceId("r3").projectId("p2").build(),
        cpu(7, "2014-10-22T10:00:02")
            .messageId("m-x")
            .metadata(Map.of("flavor", "m1.small"))
            .build());
  }

  private static List<Double> volumes(QueryEngine engine, SampleQuery.Builder query) {
    return engine.samples(query.build()).stream().map(s -> s.sample().volume()).toList();
  }

  @EachChunkLayout
  void samplesAreListedNewestFirstThenByMeterResourceAndMessageId(int chunkRows) {
    QueryEngine engine = Fixtures.engine(chunkRows, seven());

    assertThat(volumes(engine, SampleQuery.builder()))
        .containsExactly(7.0, 5.0, 3.0, 2.0, 1.0, 4.0, 6.0);
  }

  @EachChunkLayout
  void aLimitKeepsTheFirstSamplesOfThatOrder(int chunkRows) {
    QueryEngine engine = Fixtures.engine(chunkRows, seven());

    assertThat(volumes(engine, SampleQuery.builder().limit(1))).containsExactly(7.0);
    assertThat(volumes(engine, SampleQuery.builder().limit(4))).containsExactly(7.0, 5.0, 3.0, 2.0);
    assertThat(volumes(engine, SampleQuery.builder().limit(5)))
        .containsExactly(7.0, 5.0, 3.0, 2.0, 1.0);
    assertThat(volumes(engine, SampleQuery.builder().limit(100))).hasSize(7);
  }

  @EachChunkLayout
  void theRangeIsHalfOpen(int chunkRows) {
    QueryEngine engine = Fixtures.engine(chunkRows, seven());
    TimeRange range = TimeRange.of(t("2014-10-22T10:00:00"), t("2014-10-22T10:00:02"));

    assertThat(volumes(engine, SampleQuery.builder().range(range)))
        .containsExactly(5.0, 3.0, 2.0, 1.0, 4.0);
    assertThat(
            volumes(
                engine,
                SampleQuery.builder().range(TimeRange.of(range.toMillis(), range.toMillis()))))
        .isEmpty();
  }

  @EachChunkLayout
  void aMeterAndAFilterRestrictTheListing(int chunkRows) {
    QueryEngine engine = Fixtures.engine(chunkRows, seven());

    assertThat(volumes(engine, SampleQuery.builder().meter("disk.read"))).containsExactly(4.0);
    assertThat(volumes(engine, SampleQuery.builder().meter("unknown"))).isEmpty();
    assertThat(
            volumes(
                engine,
                SampleQuery.builder()
                    .filter(Filter.builder().equal(Dimension.RESOURCE_ID, "r1").build())))
        .containsExactly(7.0, 5.0, 3.0, 2.0, 4.0);
    assertThat(
            volumes(
                engine,
                SampleQuery.builder()
                    .meter(Fixtures.CPU)
                    .filter(Filter.builder().equal(Dimension.RESOURCE_ID, "r1").build())))
        .containsExactly(7.0, 5.0, 3.0, 2.0);
    assertThat(
            volumes(
                engine,
                SampleQuery.builder()
                    .filter(
                        Filter.builder()
                            .metadata(MetadataMatch.string("flavor", "m1.small"))
                            .build())))
        .containsExactly(7.0);
    assertThat(
            volumes(
                engine,
                SampleQuery.builder()
                    .filter(Filter.builder().equal(Dimension.PROJECT_ID, null).build())))
        .containsExactly(4.0);
    assertThat(
            volumes(
                engine,
                SampleQuery.builder()
                    .filter(Filter.builder().equal(Dimension.USER_ID, "unknown").build())))
        .isEmpty();
  }

  @EachChunkLayout
  void listedSamplesAreTheRecordedOnesWithTheirMessageIds(int chunkRows) {
    MeterStore store = MeterStore.create(StoreConfig.builder().chunkRows(chunkRows).build());
    List<String> ids = store.recordAllWithIds(seven()).messageIds();

    List<Sample> listed =
        new QueryEngine(store)
            .samples(SampleQuery.builder().build()).stream().map(StoredSample::sample).toList();

    // The sample without a client id carries the id the store assigned and reported.
    Sample assigned = seven().get(5).withMessageId(ids.get(5));
    assertThat(ids.get(5)).isNotNull();
    assertThat(listed)
        .containsExactly(
            seven().get(6),
            seven().get(4),
            seven().get(2),
            seven().get(1),
            seven().get(0),
            seven().get(3),
            assigned);
  }

  @Test
  void aRetriedMessageIdIsListedOnce() {
    QueryEngine engine = Fixtures.engine(8, seven());
    engine.store().record(cpu(300, "2014-10-22T10:00:00").messageId("m-a").build());

    assertThat(volumes(engine, SampleQuery.builder()))
        .containsExactly(7.0, 5.0, 3.0, 2.0, 1.0, 4.0, 6.0);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void aLimitBelowOneIsRefusedWithItsValue(int limit) {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> SampleQuery.builder().limit(limit).build())
        .withMessage("limit must be >= 1, got: " + limit);
  }
}
