package dev.outdial.activities.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreditsPerMinuteTest {

  @ParameterizedTest(name = "{0} s is {1} started minutes")
  @CsvSource({"0, 0", "-5, 0", "1, 1", "59, 1", "60, 1", "61, 2", "119, 2", "120, 2", "121, 3"})
  void everyStartedMinuteCountsAndAWholeMinuteIsNotRoundedUpAgain(int seconds, int minutes) {
    assertThat(CreditsPerMinute.minutes(seconds)).isEqualTo(minutes);
  }

  @ParameterizedTest(name = "{0} s at {1} a minute costs {2}")
  @CsvSource({"60, 3, 3", "61, 3, 6", "180, 2, 6", "0, 5, 0", "1, 1, 1"})
  void eachStartedMinuteCostsTheConfiguredCredits(int seconds, int rate, int credits) {
    assertThat(new CreditsPerMinute(rate).credits(seconds)).isEqualTo(credits);
  }
}
