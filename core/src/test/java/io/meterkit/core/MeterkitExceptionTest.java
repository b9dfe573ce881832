package io.meterkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeterkitExceptionTest {

  @Test
  void describesNullWithoutQuotes() {
    assertThat(MeterkitException.describe(null)).isEqualTo("null");
  }

  @Test
  void quotesAValueAndEscapesControlCharacters() {
    assertThat(MeterkitException.describe("a\u0000b\u001f\u007fc"))
        .isEqualTo("'a\\u0000b\\u001f\\u007fc'");
    assertThat(MeterkitException.describe(42)).isEqualTo("'42'");
  }

  @Test
  void cutsAValueAfter64CharactersAndGivesItsLength() {
    assertThat(MeterkitException.describe("x".repeat(64))).isEqualTo("'" + "x".repeat(64) + "'");
    assertThat(MeterkitException.describe("x".repeat(65)))
        .isEqualTo("'" + "x".repeat(64) + "'... (65 characters)");
  }

  @Test
  void everyRefusalIsAMeterkitExceptionAndAnIllegalArgumentException() {
    Violation violation = Violation.of(SampleField.UNIT, Rule.REQUIRED, null);
    assertThat(new InvalidSampleException(violation, "m"))
        .isInstanceOf(MeterkitException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("m");
    assertThat(new InvalidQueryException(violation)).isInstanceOf(MeterkitException.class);
    assertThat(new NotFoundException("m")).isInstanceOf(MeterkitException.class);
    assertThat(new ForbiddenException("m")).isInstanceOf(MeterkitException.class);
    assertThat(new ConflictException("m")).isInstanceOf(MeterkitException.class);
  }
}
