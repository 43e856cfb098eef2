package dev.outdial.app.bolna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.dispatch.CallStarter;
import dev.outdial.activities.testing.RecordedMeters;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import dev.outdial.workflows.call.CallWorkflow;
import dev.outdial.workflows.call.ProviderStatus;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a stored delivery goes, on a real inbox: to the workflow that placed the call, to the one
 * named in the call's user data, to an inbound call's own; and what is kept when it cannot go.
 */
class WebhookRoutingTest {

  private final WorkflowClient temporal = mock(WorkflowClient.class);
  private final CallStarter starter = mock(CallStarter.class);
  private final Map<String, CallWorkflow> workflows = new HashMap<>();
  private JdbcClient jdbc;
  private WebhookInboxRepository inbox;
  private WebhookProcessor processor;
  private UUID userId;
  private UUID agentId;

  @BeforeEach
  void freshInbox() {
    DataSource database = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(database);
    inbox = new WebhookInboxRepository(jdbc);
    processor =
        new WebhookProcessor(
            inbox,
            jdbc,
            new TransactionTemplate(new DataSourceTransactionManager(database)),
            temporal,
            starter,
            new ObjectMapper(),
            Clock.systemUTC());
    TestRows rows = new TestRows(jdbc);
    userId = rows.user(100, 2);
    agentId = rows.agent(userId);
    when(temporal.newWorkflowStub(eq(CallWorkflow.class), anyString()))
        .thenAnswer(
            call ->
                workflows.computeIfAbsent(
                    call.getArgument(1, String.class), id -> mock(CallWorkflow.class)));
  }

  private UUID delivered(String executionId, String status, String extra) {
    return inbox.store(
        executionId,
        status,
        "{\"id\": \""
            + executionId
            + "\", \"status\": \""
            + status
            + "\", \"agent_id\": \"bolna-agent\""
            + (extra.isEmpty() ? "" : ", " + extra)
            + "}",
        "13.203.39.153");
  }

  private void placed(String executionId, String workflowId, String leadType) {
    jdbc.sql(
            """
            INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number, status,
                               lead_type)
            VALUES (:agent, :user, :execution, '+14155550100', 'in_progress', :leadType)
            """)
        .param("agent", agentId)
        .param("user", userId)
        .param("execution", executionId)
        .param("leadType", leadType)
        .update();
    if (workflowId != null) {
      new TestRows(jdbc).placedAttempt(userId, agentId, workflowId, executionId);
    }
  }

  private Map<String, Object> event(UUID id) {
    return jdbc.sql(
            "SELECT outcome, error, attempts, processed_at FROM webhook_events WHERE id = :id")
        .param("id", id)
        .query()
        .singleRow();
  }

  private Map<String, Object> call(String executionId) {
    return jdbc.sql(
            "SELECT call_lifecycle_status, ringing_started_at FROM calls"
                + " WHERE bolna_execution_id = :id")
        .param("id", executionId)
        .query()
        .singleRow();
  }

  @Test
  void theFinalStatusOfAPlacedCallGoesToTheWorkflowThatPlacedIt() {
    placed("exec-1", "campaign-7-item-3", "outbound");
    UUID id = delivered("exec-1", "completed", "");

    try (RecordedMeters meters = new RecordedMeters()) {
      processor.process(id);
      assertThat(meters.count("outdial.webhooks.processed", "outcome", "signalled")).isEqualTo(1);
      assertThat(meters.timings("outdial.webhooks.lag")).isEqualTo(1);
      assertThat(meters.total("outdial.webhooks.failed")).isZero();
    }

    verify(workflows.get("campaign-7-item-3"))
        .providerStatus(new ProviderStatus("exec-1", "completed"));
    assertThat(event(id)).containsEntry("outcome", "signalled");
    assertThat(event(id).get("processed_at")).isNotNull();
  }

  @Test
  void aStatusOnTheWayMovesTheRecordedCallsLifecycleAndLeavesItsWorkflowAsleep() {
    placed("exec-1", "campaign-7-item-3", "outbound");
    UUID id = delivered("exec-1", "ringing", "");

    try (RecordedMeters meters = new RecordedMeters()) {
      processor.process(id);
      assertThat(meters.count("outdial.webhooks.processed", "outcome", "recorded")).isEqualTo(1);
      assertThat(meters.timings("outdial.webhooks.lag")).isEqualTo(1);
    }

    assertThat(workflows).isEmpty();
    assertThat(event(id)).containsEntry("outcome", "recorded");
    assertThat(event(id).get("processed_at")).isNotNull();
    assertThat(call("exec-1")).containsEntry("call_lifecycle_status", "ringing");
    assertThat(call("exec-1").get("ringing_started_at")).isNotNull();
  }

  @Test
  void aStatusOnTheWayThatComesBeforeTheCallsRowGoesToTheWorkflowItsUserDataNames() {
    UUID id =
        delivered(
            "exec-11",
            "ringing",
            "\"context_details\": {\"recipient_data\": {\"outdial_workflow_id\": \"call-adhoc-11\"}}");

    processor.process(id);

    verify(workflows.get("call-adhoc-11")).providerStatus(new ProviderStatus("exec-11", "ringing"));
    assertThat(event(id)).containsEntry("outcome", "signalled");
  }

  @Test
  void aCallNoAttemptKnowsIsFoundByTheWorkflowItsUserDataNames() {
    UUID id =
        delivered(
            "exec-2",
            "completed",
            "\"context_details\": {\"recipient_data\": {\"outdial_workflow_id\": \"call-adhoc-9\"}}");

    processor.process(id);

    verify(workflows.get("call-adhoc-9")).providerStatus(new ProviderStatus("exec-2", "completed"));
    assertThat(event(id)).containsEntry("outcome", "signalled");
  }

  @Test
  void aRecordedInboundCallGoesToTheWorkflowNamedAfterItsExecution() {
    placed("exec-3", null, "inbound");
    UUID id = delivered("exec-3", "completed", "");

    processor.process(id);

    verify(workflows.get("call-exec-exec-3"))
        .providerStatus(new ProviderStatus("exec-3", "completed"));
  }

  @Test
  void aStatusNobodyKnowsIsKeptAndTriedAgainLater() {
    UUID id = delivered("exec-4", "completed", "");

    try (RecordedMeters meters = new RecordedMeters()) {
      processor.process(id);
      assertThat(meters.count("outdial.webhooks.failed", "outcome", "unmatched")).isEqualTo(1);
      assertThat(meters.total("outdial.webhooks.processed")).isZero();
    }

    assertThat(workflows).isEmpty();
    assertThat(event(id))
        .containsEntry("outcome", "unmatched")
        .containsEntry("attempts", 1)
        .containsEntry("processed_at", null);
    assertThat(event(id).get("error").toString()).contains("exec-4");
  }

  @Test
  void aRepeatOfASignalledStatusIsMarkedDuplicateAndNotSignalledAgain() {
    placed("exec-5", "campaign-7-item-5", "outbound");
    UUID first = delivered("exec-5", "completed", "");
    UUID repeat = delivered("exec-5", "completed", "");

    processor.process(first);
    processor.process(repeat);

    verify(workflows.get("campaign-7-item-5"), times(1)).providerStatus(any());
    assertThat(event(repeat)).containsEntry("outcome", "duplicate");
  }

  @Test
  void aStatusAfterItsWorkflowEndedIsMarkedLate() {
    placed("exec-6", "campaign-7-item-6", "outbound");
    CallWorkflow ended = mock(CallWorkflow.class);
    workflows.put("campaign-7-item-6", ended);
    doThrow(
            new WorkflowNotFoundException(
                WorkflowExecution.newBuilder().setWorkflowId("campaign-7-item-6").build(),
                "CallWorkflow",
                null))
        .when(ended)
        .providerStatus(any());
    UUID id = delivered("exec-6", "completed", "");

    processor.process(id);

    assertThat(event(id)).containsEntry("outcome", "late: workflow closed");
    assertThat(event(id).get("processed_at")).isNotNull();
  }

  @Test
  void anInboundCallOnOurAgentStartsItsWorkflow() {
    jdbc.sql("UPDATE agents SET bolna_agent_id = 'bolna-agent' WHERE id = :id")
        .param("id", agentId)
        .update();
    when(starter.startInbound(any(), eq("bolna-agent"), eq("exec-7"), eq("ringing")))
        .thenReturn("call-exec-exec-7");
    UUID id =
        delivered(
            "exec-7",
            "ringing",
            "\"telephony_data\": {\"call_type\": \"inbound\", \"from_number\": \"+14155550111\"}");

    processor.process(id);

    verify(starter).startInbound(any(), eq("bolna-agent"), eq("exec-7"), eq("ringing"));
    assertThat(event(id)).containsEntry("outcome", "signalled");
    verify(starter, never()).startFollower(anyString());
  }

  @Test
  void theSignalIsSentWithNoTransactionOpenAndTheEventNotLocked() {
    placed("exec-8", "campaign-7-item-8", "outbound");
    UUID id = delivered("exec-8", "completed", "");
    CallWorkflow workflow = mock(CallWorkflow.class);
    workflows.put("campaign-7-item-8", workflow);
    Map<String, Object> seenDuringSignal = new HashMap<>();
    doAnswer(
            signal -> {
              seenDuringSignal.put(
                  "transaction", TransactionSynchronizationManager.isActualTransactionActive());
              seenDuringSignal.put(
                  "lockable",
                  jdbc.sql(
                          "SELECT count(*) FROM (SELECT id FROM webhook_events WHERE id = :id"
                              + " FOR UPDATE NOWAIT) locked")
                      .param("id", id)
                      .query(Integer.class)
                      .single());
              seenDuringSignal.putAll(event(id));
              return null;
            })
        .when(workflow)
        .providerStatus(any());

    processor.process(id);

    assertThat(seenDuringSignal)
        .containsEntry("transaction", false)
        .containsEntry("lockable", 1)
        .containsEntry("outcome", "signalling");
    assertThat(inbox.due(10)).doesNotContain(id);
    assertThat(event(id)).containsEntry("outcome", "signalled").containsEntry("attempts", 1);
  }

  @Test
  void aSignalThatFailsLeavesTheEventPendingToBeTriedAgain() {
    placed("exec-9", "campaign-7-item-9", "outbound");
    CallWorkflow unreachable = mock(CallWorkflow.class);
    workflows.put("campaign-7-item-9", unreachable);
    doThrow(new IllegalStateException("temporal away")).when(unreachable).providerStatus(any());
    UUID id = delivered("exec-9", "completed", "");

    processor.process(id);

    assertThat(event(id))
        .containsEntry("outcome", "error")
        .containsEntry("attempts", 1)
        .containsEntry("processed_at", null);
    assertThat(event(id).get("error").toString()).contains("temporal away");
  }

  @Test
  void anEventClaimedByAProcessorThatDiedIsTakenAgainOnlyAfterItsLease() {
    placed("exec-10", "campaign-7-item-10", "outbound");
    UUID id = delivered("exec-10", "completed", "");
    inbox.claimForSignal(id, java.time.Duration.ofMinutes(1));

    processor.process(id);

    assertThat(workflows).isEmpty();
    assertThat(inbox.due(10)).doesNotContain(id);

    jdbc.sql("UPDATE webhook_events SET next_attempt_at = now() - interval '1 second'").update();
    processor.process(id);

    verify(workflows.get("campaign-7-item-10"))
        .providerStatus(new ProviderStatus("exec-10", "completed"));
    assertThat(event(id)).containsEntry("outcome", "signalled");
  }
}
