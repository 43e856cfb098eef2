package dev.outdial.app.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BolnaSimulatorTest {

  private final ObjectMapper json = new ObjectMapper();

  /**
   * Calls answered at once, a second of talk at a ten-thousandth of real time, completed at
   * hang-up; finished calls kept an hour.
   */
  private BolnaSimulator simulator() {
    return new BolnaSimulator(
        new SimulatorProperties(
            0, 1, 1, 1, 0, 42, 0, 0.0001, Duration.ofMinutes(1), Duration.ofHours(1)),
        json);
  }

  private ObjectNode agentOf(BolnaSimulator bolna) {
    return bolna.createAgent(
        "key", json.createObjectNode().set("agent_config", json.createObjectNode()));
  }

  @Test
  void aCallsStatusesComeInOrderEvenWhenTheyFallOnTheSameInstant() {
    // Answered at once, a second of talk at a ten-thousandth of real time, completed at hang-up:
    // in-progress, call-disconnected and completed all fall within the same millisecond.
    BolnaSimulator bolna = simulator();
    ObjectNode agent = agentOf(bolna);
    List<String> calls = new ArrayList<>();
    for (int call = 0; call < 300; call++) {
      calls.add(
          bolna.placeCall(
              "key",
              agent.get("id").asText(),
              "+1415555" + String.format("%04d", call),
              null,
              json.createObjectNode()));
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                calls.stream()
                    .allMatch(
                        id ->
                            "completed"
                                .equals(bolna.execution("key", id).path("status").asText())));

    // A call that went from ringing straight to completed would end unanswered, with no talk.
    assertThat(calls)
        .allSatisfy(
            id ->
                assertThat(bolna.execution("key", id).path("conversation_duration").asInt())
                    .isEqualTo(1));
  }

  @Test
  void aFinishedCallIsForgottenOnceItsRetentionHasPassedAndOneStillPlayingIsKept() {
    BolnaSimulator bolna = simulator();
    ObjectNode agent = agentOf(bolna);
    String agentId = agent.get("id").asText();
    ObjectNode recipient = json.createObjectNode().put("name", "Ada");
    String done = bolna.placeCall("key", agentId, "+14155550100", null, recipient);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "completed".equals(bolna.execution("key", done).path("status").asText()));
    // 10,000,000 reported seconds are 17 minutes at this time scale: still playing at the end.
    bolna.fixOutcome(
        "+14155550101", new BolnaSimulator.NumberOutcome("completed", 10_000_000, null, null));
    String playing = bolna.placeCall("key", agentId, "+14155550101", null, recipient);

    assertThat(bolna.forgetFinishedBefore(Instant.now().minus(Duration.ofMinutes(59)))).isZero();
    assertThat(
            bolna
                .execution("key", done)
                .path("context_details")
                .path("recipient_data")
                .path("name")
                .asText())
        .isEqualTo("Ada");

    assertThat(bolna.forgetFinishedBefore(Instant.now().plus(Duration.ofHours(1)))).isOne();
    assertThat(bolna.execution("key", done)).isNull();
    assertThat(bolna.execution("key", playing)).isNotNull();
    assertThat(bolna.stats().get("calls_placed")).isEqualTo(2);
  }
}
