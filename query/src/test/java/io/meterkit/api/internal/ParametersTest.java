package io.meterkit.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meterkit.api.QueryParameters;
import io.meterkit.core.InvalidQueryException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParametersTest {

  @Test
  void aQueryStringKeepsRepeatedParametersInOrderAndDecodesThem() {
    QueryParameters query =
        QueryParameters.parse("q.field=a&q.op=eq&q.field=b&x=1+2%2B3&flag&&q.value=%C3%A9");
    assertThat(query.all("q.field")).containsExactly("a", "b");
    assertThat(query.single("x")).contains("1 2+3");
    assertThat(query.single("flag")).contains("");
    assertThat(query.single("q.value")).contains("é");
    assertThat(query.names()).containsExactly("q.field", "q.op", "x", "flag", "q.value");
  }

  @Test
  void aMalformedQueryStringIsRejected() {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> QueryParameters.parse("a=%zz"))
        .withMessage("query parameter must be valid percent-encoding, got: 'a=%zz'");
  }

  @Test
  void aSingleParameterGivenTwiceIsRejected() {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> Params.limit(QueryParameters.of("limit", "1", "limit", "2")))
        .withMessage("limit must be given at most once, got 2 values: [1, 2]");
    String huge = "9".repeat(100_000);
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> Params.limit(QueryParameters.of("limit", "1", "limit", huge)))
        .withMessage(
            "limit must be given at most once, got 2 values: [1, "
                + "9".repeat(60)
                + "... (100005 characters)");
  }

  @Test
  void integersMustLieInTheirRange() {
    assertThat(Params.limit(QueryParameters.EMPTY)).isEqualTo(1440);
    assertThat(Params.limit(QueryParameters.of("limit", "1"))).isEqualTo(1);
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> Params.limit(QueryParameters.of("limit", "1441")))
        .withMessage("limit must be an integer in 1..1440, got: '1441'");
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> Params.limit(QueryParameters.of("limit", "ten")))
        .withMessage("limit must be an integer in 1..1440, got: 'ten'");
  }

  @Test
  void timestampsAndOffsetsNameTheParameterAndValue() {
    assertThat(Params.timestamp(QueryParameters.of("t", "2014-10-22T01:00:00+01:00"), "t"))
        .hasValue(1413936000000L);
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> Params.timestamp(QueryParameters.of("t", "yesterday"), "t"))
        .withMessage("t must be an ISO-8601 timestamp like 2014-10-22T00:00:00, got: 'yesterday'");
    assertThat(Params.searchOffsetMillis("search_offset", "5")).isEqualTo(300_000L);
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> Params.searchOffsetMillis("search_offset", "-5"))
        .withMessage("search_offset must be a whole number of minutes in 0..2147483647, got: '-5'");
  }

  @Test
  void flagsAcceptTrueAndFalseInAnyCase() {
    assertThat(Params.flag(QueryParameters.of("unique", "True"), "unique", false)).isTrue();
    assertThat(Params.flag(QueryParameters.of("unique", "false"), "unique", true)).isFalse();
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> Params.flag(QueryParameters.of("unique", "yes"), "unique", false))
        .withMessage("unique must be True or False, got: 'yes'");
  }

  @Test
  void unknownParametersAreRejectedNamingTheAcceptedOnes() {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(
            () ->
                Params.allowOnly(
                    QueryParameters.of("perod", "60"), Set.of("period", "groupby"), "metadata."))
        .withMessage("unknown parameter 'perod'; this route accepts groupby, period, metadata.KEY");
  }
}
