package dev.outdial.app.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.bolna.StubBolnaServer;
import dev.outdial.activities.bolna.StubBolnaServer.Answer;
import dev.outdial.app.bolna.WebhookSecret;
import dev.outdial.app.testing.ApiTestSupport;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Agents against a stand-in for Bolna's real API, to see every request and script failures. */
class AgentsIT extends ApiTestSupport {

  private static final StubBolnaServer BOLNA = new StubBolnaServer();
  private static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void realBolnaApi(DynamicPropertyRegistry registry) {
    registry.add("outdial.bolna.api-key", () -> "bolna-key");
    registry.add("outdial.bolna.base-url", BOLNA::baseUrl);
    registry.add("outdial.bolna.initial-backoff", () -> "10ms");
    registry.add("outdial.public-url", () -> "https://outdial.example.com");
  }

  @AfterAll
  static void stop() {
    BOLNA.close();
  }

  @Autowired WebhookSecret secret;

  private static Map<String, Object> agent(String name) {
    return Map.of(
        "name",
        name,
        "welcome_message",
        "Hi {name}, this is Outdial",
        "prompt",
        "You book demos.",
        "bolna_task_config",
        Map.of("call_terminate", 300));
  }

  private int rows(UUID userId) {
    return jdbc.sql("SELECT count(*) FROM agents WHERE user_id = :id")
        .param("id", userId)
        .query(Integer.class)
        .single();
  }

  @Test
  void anAgentIsCreatedAtBolnaWithOurWebhookThenStored() throws Exception {
    TestUser user = signup("agents");
    String bolnaId = "bolna-" + UUID.randomUUID();
    BOLNA.on(
        "POST /v2/agent",
        Answer.json(201, "{\"agent_id\": \"" + bolnaId + "\", \"status\": \"created\"}"));

    var answer = api.post("/api/agents", user.token(), agent("Demo booker"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    assertThat(answer.json().path("bolna_agent_id").asText()).isEqualTo(bolnaId);
    assertThat(answer.json().path("bolna_webhook_url").asText())
        .isEqualTo("https://outdial.example.com/webhooks/bolna")
        .doesNotContain(secret.value());
    JsonNode sent = JSON.readTree(BOLNA.received().get(BOLNA.received().size() - 1).body());
    assertThat(sent.at("/agent_config/webhook_url").asText())
        .isEqualTo("https://outdial.example.com/webhooks/bolna?token=" + secret.value());
    assertThat(sent.at("/agent_config/agent_welcome_message").asText())
        .isEqualTo("Hi {name}, this is Outdial");
    assertThat(sent.at("/agent_prompts/task_1/system_prompt").asText())
        .isEqualTo("You book demos.");
    assertThat(BOLNA.received().get(BOLNA.received().size() - 1).authorization())
        .isEqualTo("Bearer bolna-key");
  }

  @Test
  void whenBolnaRefusesNothingIsStored() {
    TestUser user = signup("refused");
    BOLNA.on(
        "POST /v2/agent",
        Answer.json(422, "{\"error\": 422, \"message\": \"agent_name too long\"}"));

    var answer = api.post("/api/agents", user.token(), agent("Refused"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("detail").asText()).contains("agent_name too long");
    assertThat(rows(user.id())).isZero();
  }

  @Test
  void anUpdateGoesToBolnaFirstAndAFailureThereChangesNothing() throws Exception {
    TestUser user = signup("update");
    BOLNA.on(
        "POST /v2/agent", Answer.json(200, "{\"agent_id\": \"upd-1\", \"state\": \"created\"}"));
    String id = api.post("/api/agents", user.token(), agent("Before")).json().path("id").asText();

    BOLNA.on("PATCH /v2/agent/upd-1", Answer.json(500, "{\"message\": \"boom\"}"));
    var failed = api.patch("/api/agents/" + id, user.token(), Map.of("name", "Never"));
    BOLNA.on(
        "PATCH /v2/agent/upd-1",
        Answer.json(200, "{\"message\": \"success\", \"state\": \"updated\"}"));
    var updated = api.patch("/api/agents/" + id, user.token(), Map.of("prompt", "New prompt"));

    assertThat(failed.status()).isEqualTo(502);
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().path("name").asText()).isEqualTo("Before");
    assertThat(updated.json().path("prompt").asText()).isEqualTo("New prompt");
    JsonNode sent = JSON.readTree(BOLNA.received().get(BOLNA.received().size() - 1).body());
    assertThat(sent.at("/agent_prompts/task_1/system_prompt").asText()).isEqualTo("New prompt");
    assertThat(sent.at("/agent_config/agent_name").asText()).isEqualTo("Before");
  }

  @Test
  void anAgentUsedByACampaignCannotBeDeleted() {
    TestUser user = signup("inuse");
    BOLNA.on(
        "POST /v2/agent", Answer.json(200, "{\"agent_id\": \"used-1\", \"state\": \"created\"}"));
    UUID id =
        UUID.fromString(
            api.post("/api/agents", user.token(), agent("Busy")).json().path("id").asText());
    jdbc.sql(
            """
            INSERT INTO call_campaigns (user_id, name, agent_id, next_action, first_call_time,
                                        last_call_time, start_date)
            VALUES (:userId, 'Spring', :agentId, 'Book a demo', '09:00', '17:00', CURRENT_DATE)
            """)
        .param("userId", user.id())
        .param("agentId", id)
        .update();

    var answer = api.delete("/api/agents/" + id, user.token());

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.json().path("detail").asText()).contains("campaign");
    assertThat(BOLNA.count("DELETE /v2/agent/used-1")).isZero();
    assertThat(rows(user.id())).isEqualTo(1);
  }

  @Test
  void deletingRemovesTheAgentAtBolnaAndHereEvenIfBolnaForgotItAlready() {
    TestUser user = signup("delete");
    BOLNA.on(
        "POST /v2/agent",
        Answer.json(200, "{\"agent_id\": \"del-1\", \"state\": \"created\"}"),
        Answer.json(200, "{\"agent_id\": \"del-2\", \"state\": \"created\"}"));
    String first = api.post("/api/agents", user.token(), agent("One")).json().path("id").asText();
    String second = api.post("/api/agents", user.token(), agent("Two")).json().path("id").asText();
    BOLNA.on(
        "DELETE /v2/agent/del-1",
        Answer.json(200, "{\"message\": \"success\", \"state\": \"deleted\"}"));
    BOLNA.on(
        "DELETE /v2/agent/del-2", Answer.json(404, "{\"error\": 404, \"message\": \"not found\"}"));

    assertThat(api.delete("/api/agents/" + first, user.token()).status()).isEqualTo(204);
    assertThat(api.delete("/api/agents/" + second, user.token()).status()).isEqualTo(204);
    assertThat(BOLNA.count("DELETE /v2/agent/del-1")).isEqualTo(1);
    assertThat(rows(user.id())).isZero();
  }

  @Test
  void anotherTenantsAgentAnswersNotFoundOnEveryPath() {
    TestUser owner = signup("owner");
    TestUser stranger = signup("stranger");
    BOLNA.on(
        "POST /v2/agent", Answer.json(200, "{\"agent_id\": \"own-1\", \"state\": \"created\"}"));
    String id = api.post("/api/agents", owner.token(), agent("Mine")).json().path("id").asText();

    assertThat(api.get("/api/agents/" + id, stranger.token()).status()).isEqualTo(404);
    assertThat(api.patch("/api/agents/" + id, stranger.token(), Map.of("name", "x")).status())
        .isEqualTo(404);
    assertThat(api.delete("/api/agents/" + id, stranger.token()).status()).isEqualTo(404);
    assertThat(api.get("/api/agents", stranger.token()).json().path("items").size()).isZero();
    assertThat(api.get("/api/agents", owner.token()).json().path("items").size()).isEqualTo(1);
  }

  @Test
  void aBadAgentTypeIsRefusedNamingTheField() {
    TestUser user = signup("badtype");

    var answer = api.post("/api/agents", user.token(), Map.of("name", "X", "agent_type", "sms"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("errors").get(0).path("field").asText()).isEqualTo("agent_type");
  }

  @Test
  void withARealBolnaKeyTheSimulatorIsNotServed() {
    assertThat(api.get("/simulator/bolna/stats", null).status()).isIn(401, 403, 404);
  }
}
