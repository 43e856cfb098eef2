package dev.outdial.app.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.outdial.activities.bolna.StubBolnaServer;
import dev.outdial.activities.bolna.StubBolnaServer.Answer;
import dev.outdial.app.testing.ApiTestSupport;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Temporal lost its state (the embedded server restarted) while calls were under way: their
 * workflows are rebuilt from Postgres and finish the calls without dialing anyone again.
 */
class RecoveryIT extends ApiTestSupport {

  private static final StubBolnaServer BOLNA = new StubBolnaServer();

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("outdial.bolna.api-key", () -> "bolna-key");
    registry.add("outdial.bolna.base-url", BOLNA::baseUrl);
    registry.add("outdial.calls.no-news-timeout", () -> "1s");
    registry.add("outdial.dispatch.ensure-interval", () -> "500ms");
    registry.add("outdial.calls.reaper-interval", () -> "500ms");
    // One-off calls here must not wait for the recipient's morning, whenever the tests run.
    registry.add("outdial.quiet-hours", () -> "off");
  }

  @AfterAll
  static void stop() {
    BOLNA.close();
  }

  @Autowired private WorkflowClient temporal;

  @Test
  void scheduledAndPausedCampaignsWhoseWorkflowsWereLostGetThemBack() {
    Caller caller = caller("lost-campaigns", "+14155552699");
    Map<String, UUID> campaigns = new java.util.LinkedHashMap<>();
    for (String status : List.of("scheduled", "paused")) {
      campaigns.put(
          status,
          jdbc.sql(
                  """
                  INSERT INTO call_campaigns (user_id, name, agent_id, next_action, first_call_time,
                    last_call_time, start_date, status)
                  VALUES (:u, 'C', :a, 'Sell', '09:00', '17:00', CURRENT_DATE + 1, :status)
                  RETURNING id
                  """)
              .param("u", caller.user().id())
              .param("a", caller.agentId())
              .param("status", status)
              .query(UUID.class)
              .single());
    }

    campaigns.forEach(
        (status, id) ->
            await()
                .alias("the " + status + " campaign's workflow")
                .atMost(Duration.ofSeconds(30))
                .ignoreException(WorkflowNotFoundException.class)
                .untilAsserted(
                    () ->
                        assertThat(
                                temporal
                                    .newUntypedWorkflowStub("campaign-" + id)
                                    .describe()
                                    .getWorkflowExecutionInfo()
                                    .getStatus())
                            .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)));
  }

  @Test
  void aCallInProgressWhoseWorkflowWasLostIsFinishedWithoutASecondDial() {
    Caller caller = caller("recovery", "+14155552671");
    TestUser user = caller.user();
    CallInProgress call = campaignCallInProgress(caller, "+14155552671", "exec-rec");
    UUID itemId = call.itemId();
    UUID callId = call.callId();
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

    assertThat(dials("+14155552671")).isZero();
    assertThat(
            jdbc.sql("SELECT status FROM calls WHERE id = :id")
                .param("id", callId)
                .query(String.class)
                .single())
        .isEqualTo("completed");
    await().atMost(Duration.ofSeconds(20)).until(() -> credits(user.id()) == 14);
    assertThat(ledgerSum(user.id())).isEqualTo(14);
  }

  @Test
  void aCallWhoseWorkflowAnOperatorTerminatedIsFollowedAgainAndBilledOnceWithoutASecondDial() {
    Caller caller = caller("terminated", "+14155552675");
    UUID itemId = campaignCallInProgress(caller, "+14155552675", "exec-term").itemId();
    // The call is still going on at Bolna when recovery first picks it up.
    BOLNA.on(
        "GET /executions/exec-term",
        Answer.json(200, "{\"id\": \"exec-term\", \"status\": \"in-progress\"}"));
    String workflowId = "call-" + itemId;
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreException(WorkflowNotFoundException.class)
        .until(
            () -> status(workflowId) == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    String firstRun =
        temporal
            .newUntypedWorkflowStub(workflowId)
            .describe()
            .getWorkflowExecutionInfo()
            .getExecution()
            .getRunId();

    temporal.newUntypedWorkflowStub(workflowId).terminate("an operator stopped it");
    BOLNA.on("GET /executions/exec-term", Answer.json(200, completed("exec-term")));

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
    // A second run followed the call; nothing was dialed and the call was billed once.
    assertThat(
            temporal
                .newUntypedWorkflowStub(workflowId)
                .describe()
                .getWorkflowExecutionInfo()
                .getExecution()
                .getRunId())
        .isNotEqualTo(firstRun);
    assertThat(dials("+14155552675")).isZero();
    await().atMost(Duration.ofSeconds(20)).until(() -> credits(caller.user().id()) == 14);
    assertThat(ledgerSum(caller.user().id())).isEqualTo(14);
    assertThat(
            jdbc.sql("SELECT count(*) FROM calls WHERE bolna_execution_id = 'exec-term'")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  private WorkflowExecutionStatus status(String workflowId) {
    return temporal
        .newUntypedWorkflowStub(workflowId)
        .describe()
        .getWorkflowExecutionInfo()
        .getStatus();
  }

  private static long dials(String number) {
    return BOLNA.received().stream()
        .filter(r -> r.method().equals("POST") && r.path().equals("/call"))
        .filter(r -> r.body().contains(number))
        .count();
  }

  /** A user with an agent at the stand-in Bolna and one contact. */
  private record Caller(TestUser user, UUID agentId, UUID contactId) {}

  private Caller caller(String name, String number) {
    TestUser user = signup(name);
    BOLNA.on(
        "POST /v2/agent",
        Answer.json(200, "{\"agent_id\": \"rec-agent\", \"state\": \"created\"}"));
    UUID agentId =
        UUID.fromString(
            api.post("/api/agents", user.token(), Map.of("name", "A")).json().path("id").asText());
    UUID contactId =
        UUID.fromString(
            api.post("/api/contacts", user.token(), Map.of("name", "Ada", "phone_number", number))
                .json()
                .path("id")
                .asText());
    return new Caller(user, agentId, contactId);
  }

  /** A campaign item whose call Bolna has, placed and recorded as dialing records it. */
  private record CallInProgress(UUID itemId, UUID callId) {}

  private CallInProgress campaignCallInProgress(Caller caller, String number, String executionId) {
    UUID campaignId =
        jdbc.sql(
                """
                INSERT INTO call_campaigns (user_id, name, agent_id, next_action, first_call_time,
                  last_call_time, start_date, status, total_contacts)
                VALUES (:u, 'C', :a, 'Sell', '00:00', '23:59', CURRENT_DATE, 'active', 1)
                RETURNING id
                """)
            .param("u", caller.user().id())
            .param("a", caller.agentId())
            .query(UUID.class)
            .single();
    UUID callId =
        jdbc.sql(
                """
                INSERT INTO calls (agent_id, user_id, contact_id, bolna_execution_id, phone_number)
                VALUES (:a, :u, :c, :exec, :phone) RETURNING id
                """)
            .param("a", caller.agentId())
            .param("u", caller.user().id())
            .param("c", caller.contactId())
            .param("exec", executionId)
            .param("phone", number)
            .query(UUID.class)
            .single();
    UUID itemId =
        jdbc.sql(
                """
                INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                  contact_name, status, position, scheduled_for, started_at, attempts, call_id)
                VALUES (:u, :camp, :a, :c, :phone, 'Ada', 'processing', 1,
                        now() - interval '1 minute', now() - interval '1 minute', 1, :call)
                RETURNING id
                """)
            .param("u", caller.user().id())
            .param("camp", campaignId)
            .param("a", caller.agentId())
            .param("c", caller.contactId())
            .param("phone", number)
            .param("call", callId)
            .query(UUID.class)
            .single();
    jdbc.sql(
            """
            INSERT INTO call_attempts (attempt_key, workflow_id, user_id, agent_id, queue_item_id,
              phone_number, status, bolna_execution_id, call_id)
            VALUES (:key, :wf, :u, :a, :item, :phone, 'placed', :exec, :call)
            """)
        .param("key", "call-" + itemId + ":1")
        .param("wf", "call-" + itemId)
        .param("u", caller.user().id())
        .param("a", caller.agentId())
        .param("item", itemId)
        .param("phone", number)
        .param("exec", executionId)
        .param("call", callId)
        .update();
    return new CallInProgress(itemId, callId);
  }

  private record OneOff(TestUser user, UUID agentId, UUID contactId, String workflowId) {}

  /**
   * A one-off call the API accepted and the allocator gave a slot, recorded as they record it,
   * whose workflow Temporal lost.
   */
  private OneOff acceptedOneOffCall(String number) {
    Caller caller = caller("recovery-one-off", number);
    TestUser user = caller.user();
    UUID agentId = caller.agentId();
    UUID contactId = caller.contactId();
    String workflowId = "call-adhoc-" + UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO call_requests (workflow_id, user_id, agent_id, contact_id, phone_number,
              user_data, max_attempts, retry_delay_seconds, created_at, status, attempts,
              started_at, scheduled_for)
            VALUES (:wf, :u, :a, :c, :phone, '{"name": "Ada"}', 2, 60, now() - interval '1 minute',
                    'processing', 1, now() - interval '1 minute', now() - interval '1 minute')
            """)
        .param("wf", workflowId)
        .param("u", user.id())
        .param("a", agentId)
        .param("c", contactId)
        .param("phone", number)
        .update();
    return new OneOff(user, agentId, contactId, workflowId);
  }

  private static String completed(String executionId) {
    return """
        {"id": "%s", "status": "completed", "conversation_duration": 45,
         "transcript": "assistant: Hi\\nuser: Sounds good",
         "telephony_data": {"duration": "45", "call_type": "outbound"}}
        """
        .formatted(executionId);
  }

  private boolean requestEnded(String workflowId) {
    return jdbc.sql("SELECT ended_at IS NOT NULL FROM call_requests WHERE workflow_id = :wf")
        .param("wf", workflowId)
        .query(Boolean.class)
        .single();
  }

  @Test
  void aOneOffCallInProgressWhoseWorkflowWasLostIsFinishedWithoutASecondDial() {
    OneOff call = acceptedOneOffCall("+14155552672");
    UUID callId =
        jdbc.sql(
                """
                INSERT INTO calls (agent_id, user_id, contact_id, bolna_execution_id, phone_number)
                VALUES (:a, :u, :c, 'exec-adhoc-1', '+14155552672') RETURNING id
                """)
            .param("a", call.agentId())
            .param("u", call.user().id())
            .param("c", call.contactId())
            .query(UUID.class)
            .single();
    jdbc.sql(
            """
            INSERT INTO call_attempts (attempt_key, workflow_id, user_id, agent_id, phone_number,
              status, bolna_execution_id, call_id)
            VALUES (:key, :wf, :u, :a, '+14155552672', 'placed', 'exec-adhoc-1', :call)
            """)
        .param("key", call.workflowId() + ":1")
        .param("wf", call.workflowId())
        .param("u", call.user().id())
        .param("a", call.agentId())
        .param("call", callId)
        .update();
    BOLNA.on("GET /executions/exec-adhoc-1", Answer.json(200, completed("exec-adhoc-1")));

    await().atMost(Duration.ofSeconds(60)).until(() -> requestEnded(call.workflowId()));

    assertThat(dials("+14155552672")).isZero();
    assertThat(
            jdbc.sql("SELECT status FROM calls WHERE id = :id")
                .param("id", callId)
                .query(String.class)
                .single())
        .isEqualTo("completed");
    await().atMost(Duration.ofSeconds(20)).until(() -> credits(call.user().id()) == 14);
  }

  @Test
  void anAcceptedOneOffCallWhoseWorkflowWasLostBeforeDialingIsDialedOnce() {
    OneOff call = acceptedOneOffCall("+14155552673");
    BOLNA.on(
        "POST /call",
        Answer.json(200, "{\"execution_id\": \"exec-adhoc-2\", \"status\": \"queued\"}"));
    BOLNA.on("GET /executions/exec-adhoc-2", Answer.json(200, completed("exec-adhoc-2")));

    await().atMost(Duration.ofSeconds(60)).until(() -> requestEnded(call.workflowId()));

    assertThat(dials("+14155552673")).isEqualTo(1);
    assertThat(
            jdbc.sql("SELECT status FROM calls WHERE bolna_execution_id = 'exec-adhoc-2'")
                .query(String.class)
                .single())
        .isEqualTo("completed");
  }

  @Test
  void aCallInProgressThatNobodyFollowsIsReapedFinalizedAndBilled() {
    Caller caller = caller("reaped", "+14155552674");
    UUID callId =
        jdbc.sql(
                """
                INSERT INTO calls (agent_id, user_id, contact_id, bolna_execution_id, phone_number,
                                   lead_type, created_at, updated_at)
                VALUES (:a, :u, :c, 'exec-orphan', '+14155552674', 'inbound',
                        now() - interval '1 hour', now() - interval '1 hour')
                RETURNING id
                """)
            .param("a", caller.agentId())
            .param("u", caller.user().id())
            .param("c", caller.contactId())
            .query(UUID.class)
            .single();
    BOLNA.on("GET /executions/exec-orphan", Answer.json(200, completed("exec-orphan")));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "completed"
                    .equals(
                        jdbc.sql("SELECT status FROM calls WHERE id = :id")
                            .param("id", callId)
                            .query(String.class)
                            .single()));
    await().atMost(Duration.ofSeconds(20)).until(() -> credits(caller.user().id()) == 14);
    assertThat(dials("+14155552674")).isZero();
  }
}
