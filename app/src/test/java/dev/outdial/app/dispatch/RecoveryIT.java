package dev.outdial.app.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.outdial.activities.bolna.StubBolnaServer;
import dev.outdial.activities.bolna.StubBolnaServer.Answer;
import dev.outdial.app.testing.ApiTestSupport;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Temporal lost its state (the embedded server restarted) while a campaign call was in progress:
 * the call's workflow is rebuilt from Postgres and finishes the call without dialing again.
 */
class RecoveryIT extends ApiTestSupport {

  private static final StubBolnaServer BOLNA = new StubBolnaServer();

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("outdial.bolna.api-key", () -> "bolna-key");
    registry.add("outdial.bolna.base-url", BOLNA::baseUrl);
    registry.add("outdial.calls.no-news-timeout", () -> "1s");
    registry.add("outdial.dispatch.ensure-interval", () -> "500ms");
  }

  @AfterAll
  static void stop() {
    BOLNA.close();
  }

  @Test
  void aCallInProgressWhoseWorkflowWasLostIsFinishedWithoutASecondDial() {
    TestUser user = signup("recovery");
    BOLNA.on(
        "POST /v2/agent",
        Answer.json(200, "{\"agent_id\": \"rec-agent\", \"state\": \"created\"}"));
    UUID agentId =
        UUID.fromString(
            api.post("/api/agents", user.token(), Map.of("name", "A")).json().path("id").asText());
    UUID contactId =
        UUID.fromString(
            api.post(
                    "/api/contacts",
                    user.token(),
                    Map.of("name", "Ada", "phone_number", "+14155552671"))
                .json()
                .path("id")
                .asText());
    UUID campaignId =
        jdbc.sql(
                """
                INSERT INTO call_campaigns (user_id, name, agent_id, next_action, first_call_time,
                  last_call_time, start_date, status, total_contacts)
                VALUES (:u, 'C', :a, 'Sell', '00:00', '23:59', CURRENT_DATE, 'active', 1)
                RETURNING id
                """)
            .param("u", user.id())
            .param("a", agentId)
            .query(UUID.class)
            .single();
    UUID callId =
        jdbc.sql(
                """
                INSERT INTO calls (agent_id, user_id, contact_id, bolna_execution_id, phone_number)
                VALUES (:a, :u, :c, 'exec-rec', '+14155552671') RETURNING id
                """)
            .param("a", agentId)
            .param("u", user.id())
            .param("c", contactId)
            .query(UUID.class)
            .single();
    UUID itemId =
        jdbc.sql(
                """
                INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                  contact_name, status, position, scheduled_for, started_at, attempts, call_id)
                VALUES (:u, :camp, :a, :c, '+14155552671', 'Ada', 'processing', 1,
                        now() - interval '1 minute', now() - interval '1 minute', 1, :call)
                RETURNING id
                """)
            .param("u", user.id())
            .param("camp", campaignId)
            .param("a", agentId)
            .param("c", contactId)
            .param("call", callId)
            .query(UUID.class)
            .single();
    jdbc.sql(
            """
            INSERT INTO call_attempts (attempt_key, workflow_id, user_id, agent_id, queue_item_id,
              phone_number, status, bolna_execution_id, call_id)
            VALUES (:key, :wf, :u, :a, :item, '+14155552671', 'placed', 'exec-rec', :call)
            """)
        .param("key", "call-" + itemId + ":1")
        .param("wf", "call-" + itemId)
        .param("u", user.id())
        .param("a", agentId)
        .param("item", itemId)
        .param("call", callId)
        .update();
    BOLNA.on(
        "GET /executions/exec-rec",
        Answer.json(
            200,
            """
            {"id": "exec-rec", "status": "completed", "conversation_duration": 45,
             "transcript": "assistant: Hi\\nuser: Sounds good",
             "telephony_data": {"duration": "45", "call_type": "outbound"}}
            """));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "completed"
                    .equals(
                        jdbc.sql("SELECT status FROM call_queue WHERE id = :id")
                            .param("id", itemId)
                            .query(String.class)
                            .single()));

    assertThat(BOLNA.count("POST /call")).isZero();
    assertThat(
            jdbc.sql("SELECT status FROM calls WHERE id = :id")
                .param("id", callId)
                .query(String.class)
                .single())
        .isEqualTo("completed");
    await().atMost(Duration.ofSeconds(20)).until(() -> credits(user.id()) == 14);
    assertThat(ledgerSum(user.id())).isEqualTo(14);
  }
}
