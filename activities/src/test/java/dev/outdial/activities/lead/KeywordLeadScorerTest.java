package dev.outdial.activities.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeywordLeadScorerTest {

  private final KeywordLeadScorer scorer = new KeywordLeadScorer();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "assistant: Hi!\\nuser: Yes, I'm interested. We need this asap, how much is it?\\nuser: Let's book a demo tomorrow.|Hot",
        "assistant: Hi!\\nuser: Maybe, send me the pricing. No rush though.|Warm",
        "assistant: Hi!\\nuser: Not interested, please do not call again.|Cold",
        "assistant: Hi!\\nuser: Wrong person, we don't need it.|Cold",
        "assistant: Are you interested in a demo? Book a demo today, it's urgent!\\nuser: Hmm.|Cold",
      })
  void transcriptsAreTaggedByWhatTheCalleeSaid(String transcript, String tag) {
    LeadScore score = scorer.score(transcript.replace("\\n", "\n"), null);

    assertThat(score.leadStatusTag()).isEqualTo(tag);
    assertThat(score.totalScore()).isBetween(0, 100);
    assertThat(score.intentScore()).isBetween(0, 100);
    assertThat(score.engagementScore()).isBetween(0, 100);
  }

  @Test
  void theReasoningNamesThePhrasesAndCallsToActionAreRecognised() {
    LeadScore score =
        scorer.score(
            "assistant: Hello\nuser: I'm interested, how much does it cost? Call me back tomorrow.",
            null);

    assertThat(score.reasoning().get("intent")).contains("+25 'interested'");
    assertThat(score.reasoning().get("budget")).contains("+15 'how much'");
    assertThat(score.ctaInteractions())
        .containsEntry("pricing_asked", true)
        .containsEntry("callback_requested", true)
        .containsEntry("demo_booked", false)
        .containsEntry("do_not_call", false);
  }

  @Test
  void aCalleeWhoAsksNotToBeCalledIsFlagged() {
    LeadScore score = scorer.score("assistant: Hi\nuser: Stop calling me.", null);

    assertThat(score.doNotCall()).isTrue();
    assertThat(score.totalScore()).isLessThanOrEqualTo(20);
  }

  @Test
  void bolnasExtractedDataMovesIntent() throws Exception {
    var extracted = new ObjectMapper().readTree("{\"interested\": true}");

    LeadScore with = scorer.score("user: okay", extracted);
    LeadScore without = scorer.score("user: okay", null);

    assertThat(with.intentScore()).isEqualTo(without.intentScore() + 20);
    assertThat(with.reasoning().get("intent"))
        .anyMatch(reason -> reason.contains("extracted_data"));
  }
}
