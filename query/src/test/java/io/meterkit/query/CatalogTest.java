package io.meterkit.query;

import static io.meterkit.query.Fixtures.cpu;
import static io.meterkit.query.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.Meter;
import io.meterkit.core.MeterType;
import io.meterkit.core.Resource;
import io.meterkit.core.Sample;
import io.meterkit.core.TimeRange;
import io.meterkit.query.Fixtures.EachChunkLayout;
import io.meterkit.store.spi.StoreSnapshot;
import java.util.List;
import java.util.Map;

/**
 * The catalog listings: resources, meters and distinct dimension values. Filters apply per series
 * (meter, resource, project, user, source): dimensions as for samples, metadata conditions on the
 * series' latest sample.
 */
class CatalogTest {
  private static final Meter CPU_R1 =
      new Meter("cpu_util", MeterType.GAUGE, "%", "r1", "p1", "u1", "openstack");
  private static final Meter DISK_R1 =
      new Meter("disk.read", MeterType.DELTA, "B", "r1", "p1", "u1", "openstack");
  private static final Meter CPU_R2_P2 =
      new Meter("cpu_util", MeterType.GAUGE, "%", "r2", "p2", "u2", "openstack");
  private static final Meter CPU_R2_P3 =
      new Meter("cpu_util", MeterType.GAUGE, "%", "r2", "p3", "u2", "openstack");
  private static final Meter CPU_R3 =
      new Meter("cpu_util", MeterType.GAUGE, "%", "r3", null, null, null);

  /**
   * r1: cpu_util at 10:00 (flavor m1.small) and 11:00 (m1.tiny), disk.read at 10:30 (m1.small); r2:
   * cpu_util for p2 at 09:00, then for p3 at 09:30 (a new owner: a second series); r3: cpu_util at
   * 12:00 without project, user or source.
   */
  private static StoreSnapshot snapshot(int chunkRows) {
    return Fixtures.engine(
            chunkRows,
            cpu(1, "2014-10-22T10:00:00").metadata(Map.of("flavor", "m1.small")),
            disk("2014-10-22T10:30:00").metadata(Map.of("flavor", "m1.small")),
            cpu(1, "2014-10-22T11:00:00").metadata(Map.of("flavor", "m1.tiny")),
            cpu(1, "2014-10-22T09:00:00").resourceId("r2").projectId("p2").userId("u2"),
            cpu(1, "2014-10-22T09:30:00").resourceId("r2").projectId("p3").userId("u2"),
            cpu(1, "2014-10-22T12:00:00")
                .resourceId("r3")
                .projectId(null)
                .userId(null)
                .source(null))
        .store()
        .snapshot();
  }

  private static Sample.Builder disk(String iso) {
    return Sample.builder("disk.read", MeterType.DELTA, "B")
        .volume(100)
        .timestampMillis(t(iso))
        .resourceId("r1")
        .projectId("p1")
        .userId("u1")
        .source("openstack");
  }

  /** An engine; the catalog methods read only the snapshot they are given. */
  private static QueryEngine engine() {
    return Fixtures.engine(8);
  }

  @EachChunkLayout
  void everyResourceWithItsLatestOwnerAndMetadataAndItsMeters(int chunkRows) {
    assertThat(engine().resources(snapshot(chunkRows), ResourceQuery.ALL))
        .containsExactly(
            new Resource(
                "r1",
                "p1",
                "u1",
                "openstack",
                t("2014-10-22T10:00:00"),
                t("2014-10-22T11:00:00"),
                Map.of("flavor", "m1.tiny"),
                List.of(CPU_R1, DISK_R1)),
            new Resource(
                "r2",
                "p3",
                "u2",
                "openstack",
                t("2014-10-22T09:00:00"),
                t("2014-10-22T09:30:00"),
                Map.of(),
                List.of(CPU_R2_P3)),
            new Resource(
                "r3",
                null,
                null,
                null,
                t("2014-10-22T12:00:00"),
                t("2014-10-22T12:00:00"),
                Map.of(),
                List.of(CPU_R3)));
  }

  @EachChunkLayout
  void resourcesAreKeptWhenTheirLastSampleIsInTheHalfOpenRange(int chunkRows) {
    ResourceQuery query =
        new ResourceQuery(
            Filter.NONE, TimeRange.of(t("2014-10-22T09:30:00"), t("2014-10-22T12:00:00")));

    // r2's last sample 09:30 is the inclusive start, r1's 11:00 inside, r3's 12:00 the end.
    assertThat(engine().resources(snapshot(chunkRows), query))
        .extracting(Resource::resourceId)
        .containsExactly("r1", "r2");
  }

  @EachChunkLayout
  void aResourceIsBuiltFromItsAcceptedSeriesOnly(int chunkRows) {
    ResourceQuery query =
        new ResourceQuery(
            Filter.builder().equal(Dimension.PROJECT_ID, "p2").build(), TimeRange.ALL);

    assertThat(engine().resources(snapshot(chunkRows), query))
        .containsExactly(
            new Resource(
                "r2",
                "p2",
                "u2",
                "openstack",
                t("2014-10-22T09:00:00"),
                t("2014-10-22T09:00:00"),
                Map.of(),
                List.of(CPU_R2_P2)));
  }

  @EachChunkLayout
  void metadataConditionsApplyToTheLatestMetadataOfEachSeries(int chunkRows) {
    Filter small = Filter.builder().metadata(MetadataMatch.string("flavor", "m1.small")).build();

    // cpu_util of r1 was m1.small at 10:00 but is m1.tiny since 11:00: only disk.read stays.
    assertThat(engine().resources(snapshot(chunkRows), new ResourceQuery(small, TimeRange.ALL)))
        .containsExactly(
            new Resource(
                "r1",
                "p1",
                "u1",
                "openstack",
                t("2014-10-22T10:30:00"),
                t("2014-10-22T10:30:00"),
                Map.of("flavor", "m1.small"),
                List.of(DISK_R1)));
    assertThat(engine().meters(snapshot(chunkRows), small)).containsExactly(DISK_R1);
    assertThat(engine().values(snapshot(chunkRows), Dimension.RESOURCE_ID, small))
        .containsExactly("r1");
  }

  @EachChunkLayout
  void metersAreOnePerMeterAndResourceOwnedLikeTheirLatestSeries(int chunkRows) {
    assertThat(engine().meters(snapshot(chunkRows), Filter.NONE))
        .containsExactly(CPU_R1, DISK_R1, CPU_R2_P3, CPU_R3);
    assertThat(
            engine()
                .meters(
                    snapshot(chunkRows), Filter.builder().equal(Dimension.USER_ID, "u2").build()))
        .containsExactly(CPU_R2_P3);
    assertThat(
            engine()
                .meters(
                    snapshot(chunkRows), Filter.builder().equal(Dimension.USER_ID, "nope").build()))
        .isEmpty();
  }

  @EachChunkLayout
  void valuesAreTheDistinctNonNullValuesOfTheAcceptedSeries(int chunkRows) {
    StoreSnapshot snapshot = snapshot(chunkRows);

    assertThat(engine().values(snapshot, Dimension.PROJECT_ID, Filter.NONE))
        .containsExactly("p1", "p2", "p3");
    assertThat(engine().values(snapshot, Dimension.USER_ID, Filter.NONE))
        .containsExactly("u1", "u2");
    assertThat(engine().values(snapshot, Dimension.SOURCE, Filter.NONE))
        .containsExactly("openstack");
    assertThat(engine().values(snapshot, Dimension.RESOURCE_ID, Filter.NONE))
        .containsExactly("r1", "r2", "r3");
    assertThat(
            engine()
                .values(
                    snapshot,
                    Dimension.RESOURCE_ID,
                    Filter.builder().equal(Dimension.PROJECT_ID, null).build()))
        .containsExactly("r3");
    assertThat(
            engine()
                .values(
                    snapshot,
                    Dimension.PROJECT_ID,
                    Filter.builder().equal(Dimension.RESOURCE_ID, "r2").build()))
        .containsExactly("p2", "p3");
  }

  @EachChunkLayout
  void anEmptyStoreHasAnEmptyCatalog(int chunkRows) {
    StoreSnapshot empty = Fixtures.engine(chunkRows).store().snapshot();

    assertThat(engine().resources(empty, ResourceQuery.ALL)).isEmpty();
    assertThat(engine().meters(empty, Filter.NONE)).isEmpty();
    assertThat(engine().values(empty, Dimension.PROJECT_ID, Filter.NONE)).isEmpty();
  }

  /**
   * Two series of one resource whose latest samples share a timestamp: r1 for p2 at 11:00, then,
   * arriving last, r1 for p1 at 11:00 (its series was created first, at 10:00).
   */
  @EachChunkLayout
  void atATiedLatestTimestampTheLaterArrivalOwnsTheResource(int chunkRows) {
    StoreSnapshot snapshot =
        Fixtures.engine(
                chunkRows,
                cpu(1, "2014-10-22T10:00:00"),
                cpu(1, "2014-10-22T11:00:00").projectId("p2"),
                cpu(1, "2014-10-22T11:00:00"))
            .store()
            .snapshot();

    assertThat(engine().resources(snapshot, ResourceQuery.ALL))
        .extracting(Resource::projectId)
        .containsExactly("p1");
    assertThat(engine().meters(snapshot, Filter.NONE)).containsExactly(CPU_R1);
  }
}
