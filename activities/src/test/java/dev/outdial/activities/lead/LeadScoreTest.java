package dev.outdial.activities.lead;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeadScoreTest {

  @ParameterizedTest(name = "{0} -> {1}, {2}")
  @CsvSource({
    "100, high, Hot",
    "70, high, Hot",
    "69, medium, Warm",
    "40, medium, Warm",
    "39, low, Cold",
    "0, low, Cold",
  })
  void seventyAndFortyAreWhereTheLevelAndTagStep(int score, String level, String tag) {
    assertThat(LeadScore.level(score)).isEqualTo(level);
    assertThat(LeadScore.tag(score)).isEqualTo(tag);
  }
}
