package dev.outdial.activities.bolna;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class AgentSpecTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void anAgentWithoutATypeOrWelcomeIsACallAgentThatOpensWithNothing() {
    ObjectNode body =
        new AgentSpec("Sales", null, null, null, "https://outdial.test/w", null, null, null)
            .toCreateBody(json);

    assertThat(body.at("/agent_config/agent_type").asText()).isEqualTo("call");
    assertThat(body.at("/agent_config/agent_welcome_message").isTextual()).isTrue();
    assertThat(body.at("/agent_config/agent_welcome_message").asText()).isEmpty();
    assertThat(body.at("/agent_prompts/task_1/system_prompt").asText()).isEmpty();
    assertThat(body.at("/agent_config/tasks/0/tools_config/synthesizer").isEmpty()).isTrue();
  }

  @Test
  void aChosenTypeAndWelcomeAreKept() {
    ObjectNode body =
        new AgentSpec("Help", "chat", "Hello {name}", "Help.", null, null, null, null)
            .toCreateBody(json);

    assertThat(body.at("/agent_config/agent_type").asText()).isEqualTo("chat");
    assertThat(body.at("/agent_config/agent_welcome_message").asText()).isEqualTo("Hello {name}");
  }
}
