package dev.outdial.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.app.testing.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/** With structured logging on, each line is a JSON object that names the user it is about. */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.structured.format.console=ecs")
class StructuredLogsIT extends ApiTestSupport {

  private static List<JsonNode> jsonLines(CapturedOutput output) {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : output.getOut().split("\\R")) {
      if (line.startsWith("{")) {
        try {
          lines.add(json.readTree(line));
        } catch (Exception notJson) {
          // A line cut by another thread's output; the rest are whole.
        }
      }
    }
    return lines;
  }

  @Test
  void aRequestsLogLinesAreJsonAndCarryTheUsersId(CapturedOutput output) {
    TestUser user = signup("structured");
    String agentId =
        api.post("/api/agents", user.token(), Map.of("name", "Logger", "prompt", "Hi"))
            .json()
            .path("id")
            .asText();

    var queued =
        api.post(
            "/api/calls",
            user.token(),
            Map.of("agent_id", agentId, "phone_number", "+14155550199"));

    assertThat(queued.status()).as(queued.body()).isEqualTo(202);
    String workflowId = queued.json().path("workflow_id").asText();
    assertThat(jsonLines(output))
        .filteredOn(line -> line.path("message").asText().contains(workflowId))
        .isNotEmpty()
        .allSatisfy(
            line -> {
              assertThat(line.path("user_id").asText()).isEqualTo(user.id().toString());
              assertThat(line.path("log").path("level").asText()).isNotEmpty();
            });
  }
}
