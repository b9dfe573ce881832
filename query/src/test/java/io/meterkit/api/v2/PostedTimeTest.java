package io.meterkit.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The common-form timestamp reader agrees with the pattern reader, the reference. */
class PostedTimeTest {
  private static final String[] ZONES = {
    "", "Z", "+00:00", "-00:00", "+02:00", "-05:30", "+17:59", "+18:00", "+0200", "+02", "z", " Z",
    "+2:00", "x"
  };
  private static final String[] FRACTIONS = {
    "",
    ".1",
    ".123",
    ".123456",
    ".1234567",
    ".000000",
    ".000001",
    ".123456789",
    ".1234567890",
    ",5",
    ".",
    ".12a"
  };

  @Test
  void commonFormsParseAsThePatternReaderParsesThem() {
    SplittableRandom random = new SplittableRandom(14);
    int common = 0;
    for (int i = 0; i < 20_000; i++) {
      String text =
          String.format(
                  "%04d-%02d-%02d%s%02d:%02d:%02d",
                  random.nextInt(10_000),
                  random.nextInt(14),
                  random.nextInt(33),
                  random.nextInt(20) == 0 ? " " : "T",
                  random.nextInt(26),
                  random.nextInt(62),
                  random.nextInt(62))
              + FRACTIONS[random.nextInt(FRACTIONS.length)]
              + ZONES[random.nextInt(ZONES.length)];
      PostedTime fast = PostedTime.parseCommon(text);
      PostedTime reference = PostedTime.parseAnyForm(text);
      if (fast != null) {
        common++;
        assertThat(fast).as(text).isEqualTo(reference);
      }
      assertThat(PostedTime.parse(text)).as(text).isEqualTo(reference);
    }
    assertThat(common).isGreaterThan(3_000);
  }

  @Test
  void aTimestampWithAnOffsetKeepsItAndMicroseconds() {
    PostedTime time = PostedTime.parseCommon("2012-08-27T10:00:00.1234567-05:30");
    // 10:00 at -05:30 is 15:30 UTC.
    assertThat(time.epochMillis()).isEqualTo(1346081400123L);
    assertThat(time.echo()).isEqualTo("2012-08-27T10:00:00.123456-05:30");
    assertThat(PostedTime.parseCommon("2012-08-27T10:00:00Z").echo())
        .isEqualTo("2012-08-27T10:00:00+00:00");
  }
}
