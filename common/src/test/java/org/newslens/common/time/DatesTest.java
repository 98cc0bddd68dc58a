package org.newslens.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-11-24|2026-11-24T00:00:00Z",
        "2026-11-24T10:15:30Z|2026-11-24T10:15:30Z",
        "2026-11-24T10:15:30|2026-11-24T10:15:30Z",
        "2026-11-24T10:15:30.123456789Z|2026-11-24T10:15:30.123456789Z",
        "2026-11-24T10:15:30+05:30|2026-11-24T04:45:30Z",
        "2026-11-24T01:00:00-08:00[America/Los_Angeles]|2026-11-24T09:00:00Z",
        "2026-11-24 10:15:30|2026-11-24T10:15:30Z",
        "2026-11-24 10:15:30+02:00|2026-11-24T08:15:30Z",
        "2026/11/24|2026-11-24T00:00:00Z",
        "Tue, 24 Nov 2026 10:15:30 GMT|2026-11-24T10:15:30Z",
        "Tue, 24 Nov 2026 10:15:30 +0100|2026-11-24T09:15:30Z",
        "24 Nov 2026 10:15:30 +0000|2026-11-24T10:15:30Z",
        "24 Nov 2026|2026-11-24T00:00:00Z",
        "24 November 2026|2026-11-24T00:00:00Z",
        "November 24, 2026|2026-11-24T00:00:00Z",
        "Nov. 24, 2026|2026-11-24T00:00:00Z",
        "Sept. 3, 2026|2026-09-03T00:00:00Z",
        "Tuesday, November 24, 2026|2026-11-24T00:00:00Z",
        "November 24th, 2026|2026-11-24T00:00:00Z",
        "november 24 2026|2026-11-24T00:00:00Z",
        "1795990530|2026-11-29T22:15:30Z",
        "1795990530123|2026-11-29T22:15:30.123Z",
        "  2026-11-24  |2026-11-24T00:00:00Z",
      })
  void parsesTheFormsFeedsUse(String raw, String expected) {
    assertThat(Dates.parse(raw)).contains(Instant.parse(expected));
  }

  @ParameterizedTest(name = "[{index}] '{0}'")
  @ValueSource(strings = {"", "   ", "yesterday", "03/05/2024", "2026-13-45", "31 Foo 2026", "n/a"})
  void rejectsWhatItCannotKnow(String raw) {
    assertThat(Dates.parse(raw)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void periodsAreUtcMonthsAndImplausibleYearsAreFlagged() {
    assertThat(Dates.period(Instant.parse("2026-11-30T23:30:00Z"))).isEqualTo("2026-11");
    assertThat(Dates.period(Dates.parse("2026-12-01T01:00:00+05:00").orElseThrow())).isEqualTo("2026-11");
    assertThat(Dates.isPlausible(Instant.parse("2026-11-24T00:00:00Z"))).isTrue();
    assertThat(Dates.isPlausible(Dates.parse("9999-01-01").orElseThrow())).isFalse();
    assertThat(Dates.isPlausible(Dates.parse("0001-01-01").orElseThrow())).isFalse();
  }
}
