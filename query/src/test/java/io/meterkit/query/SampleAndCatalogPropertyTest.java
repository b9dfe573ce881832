package io.meterkit.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.store.StoredSample;
import io.meterkit.store.spi.StoreSnapshot;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test of the raw sample listing and the catalog listings ({@link
 * QueryEngine#samples}, {@link QueryEngine#values}, {@link QueryEngine#meters}, {@link
 * QueryEngine#resources}) against the {@link ReferenceQueryEngine}, on seeded random data sets and
 * queries; everything is compared exactly.
 */
class SampleAndCatalogPropertyTest {
  static LongStream seeds() {
    return LongStream.range(0, 120).map(i -> 0xCA7A_0000L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void rawSampleListingsEqualTheReference(long seed) {
    RandomData data = new RandomData(seed, false);
    StoreSnapshot snapshot = data.store.snapshot();
    for (int i = 0; i < 10; i++) {
      SampleQuery query = data.sampleQuery();
      assertThat(data.engine.samples(snapshot, query).stream().map(StoredSample::sample).toList())
          .as(
              "%s; query %d: meter %s, range %s, filter %s, limit %d",
              data.description, i, query.meter(), query.range(), query.filter(), query.limit())
          .isEqualTo(data.reference.samples(query));
    }
  }

  /**
   * Compares the catalog listings. The data keep the timestamps of different series apart: which
   * series' owner a resource reports when two series share its latest timestamp is an open question
   * (see the disabled test in {@link CatalogTest}); ties within a series stay.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void catalogListingsEqualTheReference(long seed) {
    RandomData data = new RandomData(seed, false);
    StoreSnapshot snapshot = data.store.snapshot();
    for (int i = 0; i < 6; i++) {
      ResourceQuery query = data.resourceQuery();
      String context = data.description + "; query " + i + ": " + query;
      for (Dimension dimension : Dimension.values()) {
        assertThat(data.engine.values(snapshot, dimension, query.filter()))
            .as(context + " values of " + dimension)
            .containsExactlyElementsOf(data.reference.values(dimension, query.filter()));
      }
      assertThat(data.engine.meters(snapshot, query.filter()))
          .as(context + " meters")
          .isEqualTo(data.reference.meters(query.filter()));
      assertThat(data.engine.resources(snapshot, query))
          .as(context + " resources")
          .isEqualTo(data.reference.resources(query));
    }
  }
}
