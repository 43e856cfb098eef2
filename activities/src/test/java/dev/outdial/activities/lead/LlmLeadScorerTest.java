package dev.outdial.activities.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.bolna.StubBolnaServer;
import dev.outdial.activities.bolna.StubBolnaServer.Answer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LLM scorer against a local stand-in for an OpenAI-compatible endpoint. */
class LlmLeadScorerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRANSCRIPT = "assistant: Hi\nuser: Not now, maybe next year.";

  private StubBolnaServer endpoint;
  private LlmLeadScorer scorer;
  private final KeywordLeadScorer keywords = new KeywordLeadScorer();

  @BeforeEach
  void start() {
    endpoint = new StubBolnaServer();
    // Generous: a busy machine must not turn an answer into a fallback.
    scorer = scorer(Duration.ofSeconds(10));
  }

  private LlmLeadScorer scorer(Duration timeout) {
    return new LlmLeadScorer(
        endpoint.baseUrl() + "/v1", "sk-test", "test-model", keywords, JSON, timeout);
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private static String completion(String content) throws Exception {
    var answer = JSON.createObjectNode();
    answer
        .putArray("choices")
        .addObject()
        .putObject("message")
        .put("role", "assistant")
        .put("content", content);
    return JSON.writeValueAsString(answer);
  }

  @Test
  void aWellFormedAnswerIsUsedWithItsReasoning() throws Exception {
    endpoint.on(
        "POST /v1/chat/completions",
        Answer.json(
            200,
            completion(
                """
                {"intent_score": 82, "intent_level": "high", "urgency_score": 70, "urgency_level": "high",
                 "budget_score": 60, "budget_constraint": "medium", "fit_score": 75, "fit_alignment": "high",
                 "engagement_score": 66, "engagement_health": "medium", "total_score": 74,
                 "reasoning": {"intent": ["asked for a demo"]},
                 "cta_interactions": {"demo_booked": true}}
                """)));

    LeadScore score = scorer.score(TRANSCRIPT, null);

    assertThat(score.totalScore()).isEqualTo(74);
    assertThat(score.leadStatusTag()).isEqualTo("Hot");
    assertThat(score.reasoning().get("intent")).containsExactly("asked for a demo");
    assertThat(score.ctaInteractions())
        .containsEntry("demo_booked", true)
        .containsEntry("do_not_call", false);
    JsonNode sent = JSON.readTree(endpoint.received().get(0).body());
    assertThat(sent.path("model").asText()).isEqualTo("test-model");
    assertThat(sent.at("/messages/1/content").asText()).contains("maybe next year");
    assertThat(endpoint.received().get(0).authorization()).isEqualTo("Bearer sk-test");
  }

  @Test
  void anyBadAnswerFallsBackToTheKeywordScorer() throws Exception {
    LeadScore expected = keywords.score(TRANSCRIPT, null);
    String[] badAnswers = {
      completion("not json"),
      completion(
          "{\"intent_score\": 101, \"urgency_score\": 1, \"budget_score\": 1, \"fit_score\": 1, \"engagement_score\": 1, \"total_score\": 1}"),
      completion("{\"intent_score\": \"high\"}"),
      "{\"choices\": []}",
    };
    for (String bad : badAnswers) {
      endpoint.on("POST /v1/chat/completions", Answer.json(200, bad));
      assertThat(scorer.score(TRANSCRIPT, null)).isEqualTo(expected);
    }
    endpoint.on("POST /v1/chat/completions", Answer.json(500, "{\"error\": \"overloaded\"}"));
    assertThat(scorer.score(TRANSCRIPT, null)).isEqualTo(expected);
    endpoint.on("POST /v1/chat/completions", Answer.never());
    assertThat(scorer(Duration.ofMillis(300)).score(TRANSCRIPT, null)).isEqualTo(expected);
  }

  @Test
  void scoresOfZeroAndAHundredAreAcceptedAndMissingLevelsFollowTheScores() throws Exception {
    endpoint.on(
        "POST /v1/chat/completions",
        Answer.json(
            200,
            completion(
                """
                {"intent_score": 100, "urgency_score": 0, "budget_score": 70, "fit_score": 40,
                 "engagement_score": 39, "total_score": 69, "fit_alignment": "very good"}
                """)));

    LeadScore score = scorer.score(TRANSCRIPT, null);

    assertThat(score.intentScore()).isEqualTo(100);
    assertThat(score.intentLevel()).isEqualTo("high");
    assertThat(score.urgencyScore()).isZero();
    assertThat(score.urgencyLevel()).isEqualTo("low");
    assertThat(score.budgetConstraint()).isEqualTo("high");
    assertThat(score.fitAlignment()).isEqualTo("medium");
    assertThat(score.engagementHealth()).isEqualTo("low");
    assertThat(score.totalScore()).isEqualTo(69);
    assertThat(score.leadStatusTag()).isEqualTo("Warm");
  }

  @Test
  void theLevelsTheModelGivesAreKeptEvenWhenTheScoresSaySomethingElse() throws Exception {
    endpoint.on(
        "POST /v1/chat/completions",
        Answer.json(
            200,
            completion(
                """
                {"intent_score": 90, "intent_level": "low", "urgency_score": 10, "urgency_level": "high",
                 "budget_score": 50, "budget_constraint": "low", "fit_score": 50, "fit_alignment": "medium",
                 "engagement_score": 50, "engagement_health": "high", "total_score": 50}
                """)));

    LeadScore score = scorer.score(TRANSCRIPT, null);

    assertThat(score.intentLevel()).isEqualTo("low");
    assertThat(score.urgencyLevel()).isEqualTo("high");
    assertThat(score.budgetConstraint()).isEqualTo("low");
    assertThat(score.fitAlignment()).isEqualTo("medium");
    assertThat(score.engagementHealth()).isEqualTo("high");
  }

  @Test
  void anInterruptedScoringFallsBackToTheKeywordScorerAndStaysInterrupted() {
    LeadScore expected = keywords.score(TRANSCRIPT, null);
    endpoint.on("POST /v1/chat/completions", Answer.never());

    Thread.currentThread().interrupt();
    LeadScore score;
    boolean stillInterrupted;
    try {
      score = scorer.score(TRANSCRIPT, null);
    } finally {
      stillInterrupted = Thread.interrupted();
    }

    assertThat(score).isEqualTo(expected);
    assertThat(stillInterrupted).isTrue();
  }
}
