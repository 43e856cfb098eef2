package dev.outdial.app.bolna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
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
            Clock.systemUTC(),
            Runnable::run);
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
    inbox.settle(
        List.of(
            WebhookInboxRepository.Settlement.claimedForSignal(
                id, java.time.Duration.ofMinutes(1))));

    processor.process(id);

    assertThat(workflows).isEmpty();
    assertThat(inbox.due(10)).doesNotContain(id);

    jdbc.sql("UPDATE webhook_events SET next_attempt_at = now() - interval '1 second'").update();
    processor.process(id);

    verify(workflows.get("campaign-7-item-10"))
        .providerStatus(new ProviderStatus("exec-10", "completed"));
    assertThat(event(id)).containsEntry("outcome", "signalled");
  }

  @Test
  void aBatchEndsEachEventAsProcessingThemOneAtATimeWould() {
    placed("exec-21", "campaign-7-item-21", "outbound");
    placed("exec-22", "campaign-7-item-22", "outbound");
    UUID ringing = delivered("exec-21", "ringing", "");
    UUID completed = delivered("exec-21", "completed", "");
    UUID answered = delivered("exec-22", "in-progress", "");
    UUID unknown = delivered("exec-23", "completed", "");
    UUID fromUserData =
        delivered(
            "exec-24",
            "completed",
            "\"context_details\": {\"recipient_data\": {\"outdial_workflow_id\": \"call-adhoc-24\"}}");
    UUID noStatus = inbox.store("exec-25", null, "{\"id\": \"exec-25\"}", "13.203.39.153");

    processor.process(List.of(ringing, completed, answered, unknown, fromUserData, noStatus));

    assertThat(event(ringing)).containsEntry("outcome", "recorded");
    assertThat(event(completed)).containsEntry("outcome", "signalled");
    assertThat(event(answered)).containsEntry("outcome", "recorded");
    assertThat(event(unknown)).containsEntry("outcome", "unmatched").containsEntry("attempts", 1);
    assertThat(event(fromUserData)).containsEntry("outcome", "signalled");
    assertThat(event(noStatus)).containsEntry("outcome", "ignored: no execution id or status");
    assertThat(call("exec-21")).containsEntry("call_lifecycle_status", "ringing");
    assertThat(call("exec-22")).containsEntry("call_lifecycle_status", "in-progress");
    verify(workflows.get("campaign-7-item-21"))
        .providerStatus(new ProviderStatus("exec-21", "completed"));
    verify(workflows.get("call-adhoc-24"))
        .providerStatus(new ProviderStatus("exec-24", "completed"));
    assertThat(workflows).containsOnlyKeys("campaign-7-item-21", "call-adhoc-24");
  }

  @Test
  void repeatsInOneBatchAreSignalledOnceAndTheRestAreDuplicates() {
    placed("exec-26", "campaign-7-item-26", "outbound");
    UUID first = delivered("exec-26", "completed", "");
    UUID second = delivered("exec-26", "completed", "");
    UUID third = delivered("exec-26", "completed", "");

    processor.process(List.of(third, second, first));

    verify(workflows.get("campaign-7-item-26"), times(1)).providerStatus(any());
    assertThat(event(first)).containsEntry("outcome", "signalled");
    assertThat(event(second)).containsEntry("outcome", "duplicate");
    assertThat(event(third)).containsEntry("outcome", "duplicate");
  }

  @Test
  void aRepeatThatComesWhileTheFirstIsBeingSignalledIsNotSignalledAgain() {
    placed("exec-27", "campaign-7-item-27", "outbound");
    UUID first = delivered("exec-27", "completed", "");
    UUID repeat = delivered("exec-27", "completed", "");
    CallWorkflow workflow = mock(CallWorkflow.class);
    workflows.put("campaign-7-item-27", workflow);
    doAnswer(
            signal -> {
              processor.process(repeat);
              return null;
            })
        .when(workflow)
        .providerStatus(any());

    processor.process(first);

    verify(workflow, times(1)).providerStatus(any());
    assertThat(event(first)).containsEntry("outcome", "signalled");
    assertThat(event(repeat)).containsEntry("outcome", "duplicate");
  }

  @Test
  void eachWorkflowHearsItsStatusesInTheOrderTheyCame() {
    String userData =
        "\"context_details\": {\"recipient_data\": {\"outdial_workflow_id\": \"call-adhoc-28\"}}";
    UUID ringing = delivered("exec-28", "ringing", userData);
    UUID answered = delivered("exec-28", "in-progress", userData);
    UUID completed = delivered("exec-28", "completed", userData);
    CallWorkflow workflow = mock(CallWorkflow.class);
    workflows.put("call-adhoc-28", workflow);

    processor.process(List.of(completed, answered, ringing));

    InOrder order = inOrder(workflow);
    order.verify(workflow).providerStatus(new ProviderStatus("exec-28", "ringing"));
    order.verify(workflow).providerStatus(new ProviderStatus("exec-28", "in-progress"));
    order.verify(workflow).providerStatus(new ProviderStatus("exec-28", "completed"));
  }

  @Test
  void anEventThatFailsItsBatchIsTriedAgainAloneAndTheOthersAreProcessed() {
    jdbc.sql("UPDATE agents SET bolna_agent_id = 'bolna-agent' WHERE id = :id")
        .param("id", agentId)
        .update();
    when(starter.startInbound(any(), eq("bolna-agent"), eq("exec-29"), eq("ringing")))
        .thenThrow(new IllegalStateException("temporal away"));
    placed("exec-30", "campaign-7-item-30", "outbound");
    UUID failing =
        delivered(
            "exec-29",
            "ringing",
            "\"telephony_data\": {\"call_type\": \"inbound\", \"from_number\": \"+14155550111\"}");
    UUID fine = delivered("exec-30", "completed", "");

    processor.process(List.of(failing, fine));

    assertThat(event(fine)).containsEntry("outcome", "signalled");
    assertThat(event(failing))
        .containsEntry("outcome", "error")
        .containsEntry("attempts", 1)
        .containsEntry("processed_at", null);
    assertThat(event(failing).get("error").toString()).contains("temporal away");
    assertThat(
            jdbc.sql("SELECT count(*) FROM calls WHERE bolna_execution_id = 'exec-29'")
                .query(Integer.class)
                .single())
        .as("the failed batch left no inbound call behind")
        .isZero();
  }

  @Test
  void aLaterStatusOfAnInboundCallStartedInTheSameBatchMovesItsLifecycle() {
    jdbc.sql("UPDATE agents SET bolna_agent_id = 'bolna-agent' WHERE id = :id")
        .param("id", agentId)
        .update();
    when(starter.startInbound(any(), eq("bolna-agent"), eq("exec-31"), eq("ringing")))
        .thenReturn("call-exec-exec-31");
    String inbound =
        "\"telephony_data\": {\"call_type\": \"inbound\", \"from_number\": \"+14155550111\"}";
    UUID ringing = delivered("exec-31", "ringing", inbound);
    UUID answered = delivered("exec-31", "in-progress", inbound);
    UUID completed = delivered("exec-31", "completed", inbound);

    processor.process(List.of(ringing, answered, completed));

    verify(starter, times(1)).startInbound(any(), any(), any(), any());
    assertThat(event(ringing)).containsEntry("outcome", "signalled");
    assertThat(event(answered)).containsEntry("outcome", "recorded");
    assertThat(event(completed)).containsEntry("outcome", "signalled");
    assertThat(call("exec-31")).containsEntry("call_lifecycle_status", "in-progress");
    InOrder order = inOrder(workflows.get("call-exec-exec-31"));
    order
        .verify(workflows.get("call-exec-exec-31"))
        .providerStatus(new ProviderStatus("exec-31", "ringing"));
    order
        .verify(workflows.get("call-exec-exec-31"))
        .providerStatus(new ProviderStatus("exec-31", "completed"));
  }

  @Test
  void aHundredEventsTakeNoMoreStatementsThanOne() {
    AtomicInteger statements = new AtomicInteger();
    DataSource counted = countingStatements(TestDatabase.freshDatabase(), statements);
    JdbcClient countedJdbc = JdbcClient.create(counted);
    WebhookInboxRepository countedInbox = new WebhookInboxRepository(countedJdbc);
    WebhookProcessor counting =
        new WebhookProcessor(
            countedInbox,
            countedJdbc,
            new TransactionTemplate(new DataSourceTransactionManager(counted)),
            temporal,
            starter,
            new ObjectMapper(),
            Clock.systemUTC(),
            Runnable::run);
    jdbc = countedJdbc;
    inbox = countedInbox;
    TestRows rows = new TestRows(jdbc);
    userId = rows.user(100, 2);
    agentId = rows.agent(userId);
    List<UUID> hundred = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      placed("exec-many-" + i, "campaign-8-item-" + i, "outbound");
      hundred.add(delivered("exec-many-" + i, "completed", ""));
    }
    UUID one = hundred.remove(0);

    statements.set(0);
    counting.process(List.of(one));
    int forOne = statements.get();
    statements.set(0);
    counting.process(hundred);
    int forAHundred = statements.get();

    assertThat(forAHundred).isEqualTo(forOne).isLessThanOrEqualTo(8);
    assertThat(workflows).hasSize(101);
    assertThat(
            jdbc.sql("SELECT count(*) FROM webhook_events WHERE outcome = 'signalled'")
                .query(Integer.class)
                .single())
        .isEqualTo(101);
  }

  /** The data source, counting each statement its connections prepare. */
  private static DataSource countingStatements(DataSource database, AtomicInteger statements) {
    return new DelegatingDataSource(database) {
      @Override
      public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        return (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  if (method.getName().startsWith("prepare")
                      || method.getName().equals("createStatement")) {
                    statements.incrementAndGet();
                  }
                  try {
                    return method.invoke(connection, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
      }
    };
  }
}
