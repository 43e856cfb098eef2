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

  @Test
  void bolnaSayingTheCalleeIsNotInterestedLowersIntentAndSaysWhy() throws Exception {
    var notInterested = new ObjectMapper().readTree("{\"interested\": false}");
    var interested = new ObjectMapper().readTree("{\"interested\": true}");

    LeadScore lowered = scorer.score("user: okay", notInterested);
    LeadScore raised = scorer.score("user: okay", interested);

    assertThat(lowered.intentScore()).isEqualTo(20);
    assertThat(lowered.intentLevel()).isEqualTo("low");
    assertThat(lowered.reasoning().get("intent"))
        .containsExactly("-30 extracted_data.interested=false");
    assertThat(raised.intentScore()).isEqualTo(70);
    assertThat(raised.intentLevel()).isEqualTo("high");
    assertThat(raised.reasoning().get("intent"))
        .containsExactly("+20 extracted_data.interested=true");
  }

  @Test
  void everyUserCustomerAndCalleeLineCountsAsATurnForEngagement() {
    LeadScore score =
        scorer.score("agent: Hello\nuser: yes\nCustomer: sure\ncallee: fine\nbot: bye", null);

    // 10 + 3 turns * 8 + 3 words / 4: the labels are not words
    assertThat(score.engagementScore()).isEqualTo(34);
    assertThat(score.engagementHealth()).isEqualTo("low");
    assertThat(score.reasoning().get("engagement")).containsExactly("3 callee turns, 3 words");
  }

  @Test
  void linesWithoutACalleeLabelAreNotTurns() {
    LeadScore score = scorer.score("hello there\nassistant: hi", null);

    assertThat(score.reasoning().get("engagement")).containsExactly("0 callee turns, 2 words");
    assertThat(score.engagementScore()).isEqualTo(10);
  }

  @Test
  void aCallWithoutATranscriptIsColdAndCappedAtThirtyFive() {
    LeadScore score = scorer.score(null, null);

    assertThat(score.engagementScore()).isEqualTo(10);
    assertThat(score.totalScore()).isEqualTo(35);
    assertThat(score.leadStatusTag()).isEqualTo("Cold");
    assertThat(score.reasoning().get("total"))
        .containsExactly("capped at 35: the callee said too little to judge");
  }

  @Test
  void aCalleeWhoSaidFiveWordsIsJudgedOnWhatTheySaid() {
    LeadScore score = scorer.score("user: interested, asap please, thank you", null);

    // intent 75, urgency 80, budget 50, fit 50, engagement 10 + 8 + 5 / 4 = 19
    assertThat(score.reasoning().get("engagement")).containsExactly("1 callee turns, 5 words");
    assertThat(score.totalScore()).isEqualTo(59);
    assertThat(score.leadStatusTag()).isEqualTo("Warm");
    assertThat(score.reasoning()).doesNotContainKey("total");
  }

  @Test
  void aCalleeWhoSaidFourWordsIsCappedAtThirtyFive() {
    LeadScore score = scorer.score("user: interested asap, thank you", null);

    assertThat(score.reasoning().get("engagement")).containsExactly("1 callee turns, 4 words");
    assertThat(score.totalScore()).isEqualTo(35);
    assertThat(score.leadStatusTag()).isEqualTo("Cold");
  }
}
