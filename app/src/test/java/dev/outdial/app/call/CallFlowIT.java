package dev.outdial.app.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.activities.bolna.StubBolnaServer;
import dev.outdial.activities.bolna.StubBolnaServer.Answer;
import dev.outdial.app.bolna.WebhookSecret;
import dev.outdial.app.temporal.OutdialSearchAttributes;
import dev.outdial.app.testing.ApiTestSupport;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A call from the API to the ledger: Bolna's API is a scripted stand-in, and its webhooks are
 * delivered by the test, so every status, repeat and order can be chosen.
 */
class CallFlowIT extends ApiTestSupport {

  private static final StubBolnaServer BOLNA = new StubBolnaServer();

  @DynamicPropertySource
  static void bolnaApi(DynamicPropertyRegistry registry) {
    registry.add("outdial.bolna.api-key", () -> "bolna-key");
    registry.add("outdial.bolna.base-url", BOLNA::baseUrl);
    registry.add("outdial.bolna.webhook.sweep-interval", () -> "200ms");
    // One-off calls here must not wait for the recipient's morning, whenever the tests run.
    registry.add("outdial.quiet-hours", () -> "off");
  }

  @AfterAll
  static void stop() {
    BOLNA.close();
  }

  @Autowired WebhookSecret secret;
  @Autowired WorkflowClient temporal;

  private String agent(TestUser user, String bolnaAgentId) {
    BOLNA.on(
        "POST /v2/agent",
        Answer.json(200, "{\"agent_id\": \"" + bolnaAgentId + "\", \"state\": \"created\"}"));
    var answer =
        api.post("/api/agents", user.token(), Map.of("name", "Caller", "prompt", "Book demos"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json().path("id").asText();
  }

  private void deliver(String executionId, String bolnaAgentId, String status, String extra) {
    String body =
        """
        {"id": "%s", "agent_id": "%s", "status": "%s", "created_at": "2026-11-25T10:00:00.123456",
         "context_details": {"recipient_data": {}, "recipient_phone_number": "+14155552671"},
         %s}
        """
            .formatted(executionId, bolnaAgentId, status, extra);
    var answer = api.send("POST", "/webhooks/bolna?token=" + secret.value(), null, body, Map.of());
    assertThat(answer.status()).isEqualTo(200);
  }

  private Map<String, Object> callRow(String executionId) {
    return jdbc.sql("SELECT * FROM calls WHERE bolna_execution_id = :id")
        .param("id", executionId)
        .query()
        .singleRow();
  }

  private boolean callIs(String executionId, String status) {
    return jdbc.sql(
                "SELECT count(*) FROM calls WHERE bolna_execution_id = :id AND status = :status")
            .param("id", executionId)
            .param("status", status)
            .query(Integer.class)
            .single()
        == 1;
  }

  private boolean scored(String executionId) {
    return jdbc.sql(
                "SELECT count(*) FROM lead_analytics l JOIN calls c ON c.id = l.call_id"
                    + " WHERE c.bolna_execution_id = :id")
            .param("id", executionId)
            .query(Integer.class)
            .single()
        == 1;
  }

  @Test
  void anAnsweredOneOffCallEndsBilledTranscribedAndScored() {
    TestUser user = signup("caller");
    String bolnaAgentId = "agent-" + UUID.randomUUID();
    String agentId = agent(user, bolnaAgentId);
    String executionId = "exec-" + UUID.randomUUID();
    BOLNA.on(
        "POST /call",
        Answer.json(
            200,
            "{\"message\": \"done\", \"status\": \"queued\", \"execution_id\": \""
                + executionId
                + "\"}"));

    var started =
        api.post(
            "/api/calls",
            user.token(),
            Map.of(
                "agent_id",
                agentId,
                "phone_number",
                "(415) 555-2671",
                "default_region",
                "US",
                "name",
                "Ada"));
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(started.json().path("workflow_id").asText()).startsWith("call-adhoc-");
    assertThat(started.json().path("status").asText()).isEqualTo("queued");
    await().atMost(Duration.ofSeconds(20)).until(() -> callIs(executionId, "in_progress"));
    // The dispatcher started the call's workflow once a slot was free, tagged for operators.
    assertThat(
            temporal
                .newUntypedWorkflowStub(started.json().path("workflow_id").asText())
                .describe()
                .getTypedSearchAttributes()
                .get(OutdialSearchAttributes.USER))
        .isEqualTo(user.id().toString());
    // While it rings, it is the caller's one live call, and nobody else's.
    JsonNode live = api.get("/api/calls/active", user.token()).json().path("items");
    assertThat(live.size()).isEqualTo(1);
    assertThat(live.get(0).path("bolna_execution_id").asText()).isEqualTo(executionId);
    assertThat(api.get("/api/calls/active", signup("onlooker").token()).json().path("items").size())
        .isZero();

    String telephony =
        "\"telephony_data\": {\"duration\": \"95\", \"call_type\": \"outbound\", \"recording_url\": \"https://rec.test/1.mp3\", \"hangup_by\": \"Callee\"}";
    deliver(executionId, bolnaAgentId, "initiated", "\"conversation_duration\": 0");
    deliver(executionId, bolnaAgentId, "ringing", "\"conversation_duration\": 0");
    deliver(executionId, bolnaAgentId, "in-progress", "\"conversation_duration\": 0");
    deliver(
        executionId,
        bolnaAgentId,
        "call-disconnected",
        "\"conversation_duration\": 95, \"transcript\": \"assistant: Hi Ada\\nuser: I'm interested, book a demo this week. How much is it?\", "
            + telephony.replace("https://rec.test/1.mp3", ""));
    for (int i = 0; i < 3; i++) {
      deliver(
          executionId,
          bolnaAgentId,
          "completed",
          "\"conversation_duration\": 95, \"extracted_data\": {\"interested\": true}, "
              + telephony);
    }
    deliver(executionId, bolnaAgentId, "ringing", "\"conversation_duration\": 0");

    await().atMost(Duration.ofSeconds(30)).until(() -> scored(executionId));
    // The ended call's request is closed, so recovery never starts it again.
    String workflowId = started.json().path("workflow_id").asText();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.sql("SELECT ended_at IS NOT NULL FROM call_requests WHERE workflow_id = :wf")
                    .param("wf", workflowId)
                    .query(Boolean.class)
                    .single());
    Map<String, Object> call = callRow(executionId);
    assertThat(call)
        .containsEntry("status", "completed")
        .containsEntry("call_lifecycle_status", "completed")
        .containsEntry("duration_seconds", 95)
        .containsEntry("duration_minutes", 2)
        .containsEntry("credits_used", 2)
        .containsEntry("recording_url", "https://rec.test/1.mp3")
        .containsEntry("hangup_by", "Callee");
    assertThat(call.get("ringing_started_at")).isNotNull();
    assertThat(call.get("call_answered_at")).isNotNull();
    assertThat(call.get("transcript_id")).isNotNull();
    assertThat(credits(user.id())).isEqualTo(13).isEqualTo(ledgerSum(user.id()));
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM credit_transactions WHERE call_id = :id AND type = 'usage'")
                .param("id", call.get("id"))
                .query(Integer.class)
                .single())
        .isEqualTo(1);

    JsonNode shown = api.get("/api/calls/" + call.get("id"), user.token()).json();
    assertThat(shown.path("workflow_id").asText()).isEqualTo(workflowId);
    assertThat(shown.path("workflow_url").asText())
        .isEqualTo(TEMPORAL_UI + "/namespaces/default/workflows/" + workflowId);
    assertThat(
            api.get("/api/calls", user.token())
                .json()
                .path("items")
                .get(0)
                .path("workflow_url")
                .asText())
        .isEqualTo(TEMPORAL_UI + "/namespaces/default/workflows/" + workflowId);
    assertThat(shown.path("transcript").path("speaker_segments").size()).isEqualTo(2);
    assertThat(shown.path("lead_analytics").path("lead_status_tag").asText()).isIn("Hot", "Warm");
    assertThat(
            shown.path("lead_analytics").path("cta_interactions").path("demo_booked").asBoolean())
        .isTrue();
    assertThat(api.get("/api/calls/" + call.get("id"), signup("stranger").token()).status())
        .isEqualTo(404);
    assertThat(api.get("/api/calls", user.token()).json().path("items").size()).isEqualTo(1);
    assertThat(api.get("/api/calls/active", user.token()).json().path("items").size()).isZero();

    JsonNode leads =
        api.get("/api/leads?min_score=40&is_read=false", user.token()).json().path("items");
    assertThat(leads.size()).isEqualTo(1);
    assertThat(leads.get(0).path("contact_name").asText()).isEqualTo("Ada");
    String leadId = leads.get(0).path("id").asText();
    assertThat(api.post("/api/leads/" + leadId + "/read", signup("other").token(), "").status())
        .isEqualTo(404);
    assertThat(api.post("/api/leads/" + leadId + "/read", user.token(), "").status())
        .isEqualTo(204);
    assertThat(api.get("/api/leads?is_read=false", user.token()).json().path("items").size())
        .isZero();
  }

  @Test
  void aBusyCallIsNotBilledAndCountsAsNotConnected() {
    TestUser user = signup("busy");
    String bolnaAgentId = "agent-" + UUID.randomUUID();
    String agentId = agent(user, bolnaAgentId);
    String executionId = "exec-" + UUID.randomUUID();
    BOLNA.on(
        "POST /call",
        Answer.json(
            200,
            "{\"message\": \"done\", \"status\": \"queued\", \"execution_id\": \""
                + executionId
                + "\"}"));

    var started =
        api.post(
            "/api/calls",
            user.token(),
            Map.of("agent_id", agentId, "phone_number", "+14155552672"));
    assertThat(started.status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> callIs(executionId, "in_progress"));
    deliver(
        executionId,
        bolnaAgentId,
        "busy",
        "\"telephony_data\": {\"duration\": \"0\", \"hangup_reason\": \"Call recipient was busy\"}");

    await().atMost(Duration.ofSeconds(20)).until(() -> callIs(executionId, "failed"));
    assertThat(callRow(executionId))
        .containsEntry("call_lifecycle_status", "busy")
        .containsEntry("credits_used", 0)
        .containsEntry("hangup_reason", "Call recipient was busy");
    assertThat(credits(user.id())).isEqualTo(15);
    assertThat(
            jdbc.sql("SELECT not_connected FROM contacts WHERE user_id = :id")
                .param("id", user.id())
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aRefusedNumberFailsTheCallWithBolnasReason() {
    TestUser user = signup("refused");
    String agentId = agent(user, "agent-" + UUID.randomUUID());
    BOLNA.on(
        "POST /call",
        Answer.json(400, "{\"error\": 400, \"message\": \"Invalid recipient number\"}"));

    var started =
        api.post(
            "/api/calls",
            user.token(),
            Map.of("agent_id", agentId, "phone_number", "+14155552673"));

    assertThat(started.status()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.sql("SELECT count(*) FROM call_attempts WHERE user_id = :id")
                            .param("id", user.id())
                            .query(Integer.class)
                            .single()
                        == 0
                    && BOLNA.received().stream().anyMatch(r -> r.body().contains("+14155552673")));
    assertThat(
            jdbc.sql("SELECT count(*) FROM calls WHERE user_id = :id")
                .param("id", user.id())
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void anInboundCallThatOnlySendsCompletedIsRecordedBilledAndItsCallerBecomesAContact() {
    TestUser user = signup("inbound");
    String bolnaAgentId = "agent-" + UUID.randomUUID();
    agent(user, bolnaAgentId);
    String executionId = "inbound-" + UUID.randomUUID();

    deliver(
        executionId,
        bolnaAgentId,
        "completed",
        "\"conversation_duration\": 61, \"transcript\": \"assistant: Outdial, hello\\nuser: Please call me back tomorrow\", "
            + "\"extracted_data\": {\"name\": \"Grace Caller\"}, "
            + "\"telephony_data\": {\"duration\": \"61\", \"call_type\": \"inbound\", \"from_number\": \"+14155559876\", \"to_number\": \"+15550100000\"}");

    await().atMost(Duration.ofSeconds(30)).until(() -> scored(executionId));
    Map<String, Object> call = callRow(executionId);
    assertThat(call)
        .containsEntry("lead_type", "inbound")
        .containsEntry("status", "completed")
        .containsEntry("phone_number", "+14155559876")
        .containsEntry("credits_used", 2);
    Map<String, Object> contact =
        jdbc.sql("SELECT * FROM contacts WHERE id = :id")
            .param("id", call.get("contact_id"))
            .query()
            .singleRow();
    assertThat(contact)
        .containsEntry("name", "Grace Caller")
        .containsEntry("is_auto_created", true)
        .containsEntry("auto_creation_source", "webhook")
        .containsEntry("auto_created_from_call_id", call.get("id"));
    assertThat(credits(user.id())).isEqualTo(13);
  }

  @Test
  void aWebhookStoredButNeverSignalledBeforeACrashIsProcessedByTheSweeper() {
    TestUser user = signup("crash");
    String bolnaAgentId = "agent-" + UUID.randomUUID();
    String agentId = agent(user, bolnaAgentId);
    String executionId = "exec-" + UUID.randomUUID();
    BOLNA.on(
        "POST /call",
        Answer.json(
            200,
            "{\"message\": \"done\", \"status\": \"queued\", \"execution_id\": \""
                + executionId
                + "\"}"));
    api.post(
        "/api/calls", user.token(), Map.of("agent_id", agentId, "phone_number", "+14155552674"));
    await().atMost(Duration.ofSeconds(20)).until(() -> callIs(executionId, "in_progress"));

    // As if the app died right after storing the delivery: in the inbox, never handed on.
    jdbc.sql(
            """
            INSERT INTO webhook_events (execution_id, status, payload, remote_address)
            VALUES (:id, 'no-answer', CAST(:payload AS jsonb), 'test')
            """)
        .param("id", executionId)
        .param(
            "payload",
            "{\"id\": \""
                + executionId
                + "\", \"status\": \"no-answer\", \"telephony_data\": {\"duration\": \"0\"}}")
        .update();

    await().atMost(Duration.ofSeconds(30)).until(() -> callIs(executionId, "failed"));
    assertThat(callRow(executionId)).containsEntry("call_lifecycle_status", "no-answer");
    // The delivery's outcome commits just after its signal, which the call may beat.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.sql("SELECT outcome FROM webhook_events WHERE execution_id = :id")
                            .param("id", executionId)
                            .query(String.class)
                            .single())
                    .isEqualTo("signalled"));
  }

  @Test
  void statusesArrivingInReverseOrderEndInOneCompletedBilledCall() {
    TestUser user = signup("reverse");
    String bolnaAgentId = "agent-" + UUID.randomUUID();
    String agentId = agent(user, bolnaAgentId);
    String executionId = "exec-" + UUID.randomUUID();
    BOLNA.on(
        "POST /call",
        Answer.json(
            200,
            "{\"message\": \"done\", \"status\": \"queued\", \"execution_id\": \""
                + executionId
                + "\"}"));
    api.post(
        "/api/calls", user.token(), Map.of("agent_id", agentId, "phone_number", "+14155552675"));
    await().atMost(Duration.ofSeconds(20)).until(() -> callIs(executionId, "in_progress"));

    String telephony = "\"telephony_data\": {\"duration\": \"30\", \"call_type\": \"outbound\"}";
    deliver(
        executionId,
        bolnaAgentId,
        "completed",
        "\"conversation_duration\": 30, \"transcript\": \"user: hello\", " + telephony);
    deliver(
        executionId,
        bolnaAgentId,
        "call-disconnected",
        "\"conversation_duration\": 30, " + telephony);
    deliver(executionId, bolnaAgentId, "in-progress", "\"conversation_duration\": 0");
    deliver(executionId, bolnaAgentId, "ringing", "\"conversation_duration\": 0");
    deliver(executionId, bolnaAgentId, "initiated", "\"conversation_duration\": 0");

    await().atMost(Duration.ofSeconds(30)).until(() -> scored(executionId));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql(
                            "SELECT count(*) FROM webhook_events WHERE execution_id = :id AND processed_at IS NULL")
                        .param("id", executionId)
                        .query(Integer.class)
                        .single()
                    == 0);
    assertThat(callRow(executionId))
        .containsEntry("status", "completed")
        .containsEntry("call_lifecycle_status", "completed")
        .containsEntry("credits_used", 1);
    assertThat(credits(user.id())).isEqualTo(14).isEqualTo(ledgerSum(user.id()));
  }
}
