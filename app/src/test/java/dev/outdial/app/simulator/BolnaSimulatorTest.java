package dev.outdial.app.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BolnaSimulatorTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aCallsStatusesComeInOrderEvenWhenTheyFallOnTheSameInstant() {
    // Answered at once, a second of talk at a ten-thousandth of real time, completed at hang-up:
    // in-progress, call-disconnected and completed all fall within the same millisecond.
    BolnaSimulator bolna =
        new BolnaSimulator(
            new SimulatorProperties(0, 1, 1, 1, 0, 42, 0, 0.0001, Duration.ofMinutes(1)), json);
    ObjectNode agent =
        bolna.createAgent(
            "key", json.createObjectNode().set("agent_config", json.createObjectNode()));
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
}
