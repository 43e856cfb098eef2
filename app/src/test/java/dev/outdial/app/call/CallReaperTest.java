package dev.outdial.app.call;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.outdial.activities.dispatch.CallStarter;
import dev.outdial.activities.testing.MutableClock;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import dev.outdial.app.temporal.WorkerProperties;
import dev.outdial.workflows.common.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class CallReaperTest {

  private static final String QUEUE = "reaper-test";
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  /** Stands for whichever workflow follows a call: it runs until it is told to end. */
  @WorkflowInterface
  public interface Following {
    @WorkflowMethod
    void follow(boolean endAtOnce);
  }

  public static class FollowingImpl implements Following {
    @Override
    public void follow(boolean endAtOnce) {
      if (!endAtOnce) {
        Workflow.await(() -> false);
      }
    }
  }

  private final CallStarter starter = mock(CallStarter.class);
  private final MutableClock clock = new MutableClock(NOW);
  private TestWorkflowEnvironment temporal;
  private JdbcClient jdbc;
  private UUID userId;
  private UUID agentId;
  private int contacts;

  @BeforeEach
  void start() {
    jdbc = JdbcClient.create(TestDatabase.freshDatabase());
    TestRows rows = new TestRows(jdbc);
    userId = rows.user(100, 2);
    agentId = rows.agent(userId);
    temporal = TestWorkflowEnvironment.newInstance();
    temporal.newWorker(QUEUE).registerWorkflowImplementationTypes(FollowingImpl.class);
    temporal.start();
    when(starter.startFollower(anyString())).thenReturn(true);
  }

  @AfterEach
  void stop() {
    temporal.close();
  }

  private CallReaper reaper(boolean workerEnabled) {
    return new CallReaper(
        jdbc,
        temporal.getWorkflowClient(),
        new WorkerProperties(workerEnabled),
        starter,
        new CallSettings(
            1, Duration.ofMinutes(20), 1, Duration.ofHours(1), Duration.ofHours(2), false),
        clock);
  }

  /** A call with the given status whose last news came {@code quietFor} ago. */
  private UUID call(String executionId, String status, Duration quietFor) {
    return jdbc.sql(
            """
            INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number, status,
                               updated_at)
            VALUES (:agent, :user, :execution, '+14155550100', :status, :updated)
            RETURNING id
            """)
        .param("agent", agentId)
        .param("user", userId)
        .param("execution", executionId)
        .param("status", status)
        .param("updated", Timestamp.from(NOW.minus(quietFor)))
        .query(UUID.class)
        .single();
  }

  private UUID quietCall(String executionId) {
    return call(executionId, "in_progress", Duration.ofMinutes(30));
  }

  private void placedBy(String executionId, String workflowId) {
    new TestRows(jdbc).placedAttempt(userId, agentId, workflowId, executionId);
  }

  private void heldByCampaignItem(UUID callId, String status) {
    TestRows rows = new TestRows(jdbc);
    UUID contactId = rows.contact(userId, "Ada", "+1415555" + (1000 + contacts++));
    UUID campaignId =
        rows.activeCampaign(
            userId, agentId, LocalTime.of(9, 0), LocalTime.of(17, 0), "America/New_York");
    jdbc.sql(
            """
            INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                                    position, scheduled_for, status, call_id)
            VALUES (:user, :campaign, :agent, :contact, '+14155550100', 1, now(), :status, :call)
            """)
        .param("user", userId)
        .param("campaign", campaignId)
        .param("agent", agentId)
        .param("contact", contactId)
        .param("status", status)
        .param("call", callId)
        .update();
  }

  private void heldByOneOffRequest(UUID callId, String status) {
    jdbc.sql(
            """
            INSERT INTO call_requests (workflow_id, user_id, agent_id, phone_number, max_attempts,
                                       retry_delay_seconds, status, call_id)
            VALUES (:workflow, :user, :agent, '+14155550100', 1, 60, :status, :call)
            """)
        .param("workflow", "call-" + UUID.randomUUID())
        .param("user", userId)
        .param("agent", agentId)
        .param("status", status)
        .param("call", callId)
        .update();
  }

  private void workflow(String workflowId, boolean running) {
    Following workflow =
        temporal
            .getWorkflowClient()
            .newWorkflowStub(
                Following.class,
                WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(QUEUE).build());
    if (running) {
      WorkflowClient.start(workflow::follow, false);
    } else {
      workflow.follow(true);
    }
  }

  @Test
  void aQuietCallInProgressThatNobodyFollowsGetsAFollower() {
    quietCall("exec-orphan");

    reaper(true).reap();

    verify(starter).startFollower("exec-orphan");
  }

  @Test
  void aCallWhoseNewsIsRecentIsLeftToItsWorkflow() {
    call("exec-recent", "in_progress", Duration.ofMinutes(19));

    reaper(true).reap();

    verifyNoInteractions(starter);
  }

  @Test
  void anEndedCallIsNotFollowed() {
    call("exec-done", "completed", Duration.ofHours(1));
    call("exec-failed", "failed", Duration.ofHours(1));

    reaper(true).reap();

    verifyNoInteractions(starter);
  }

  @Test
  void aCallItsCampaignItemStillHoldsIsLeftAloneAndOneItReleasedIsFollowed() {
    heldByCampaignItem(quietCall("exec-held"), "processing");
    heldByCampaignItem(quietCall("exec-released"), "completed");

    reaper(true).reap();

    verify(starter).startFollower("exec-released");
    verify(starter, never()).startFollower("exec-held");
  }

  @Test
  void aCallItsOneOffRequestStillHoldsIsLeftAloneAndOneItReleasedIsFollowed() {
    heldByOneOffRequest(quietCall("exec-held"), "processing");
    heldByOneOffRequest(quietCall("exec-released"), "failed");

    reaper(true).reap();

    verify(starter).startFollower("exec-released");
    verify(starter, never()).startFollower("exec-held");
  }

  @Test
  void aCallWhoseDialingWorkflowStillRunsIsLeftToIt() {
    quietCall("exec-followed");
    placedBy("exec-followed", "campaign-item-running");
    workflow("campaign-item-running", true);

    reaper(true).reap();

    verifyNoInteractions(starter);
  }

  @Test
  void aCallWhoseDialingWorkflowEndedGetsAFollower() {
    quietCall("exec-abandoned");
    placedBy("exec-abandoned", "campaign-item-ended");
    workflow("campaign-item-ended", false);

    reaper(true).reap();

    verify(starter).startFollower("exec-abandoned");
  }

  @Test
  void aCallWithAFollowerAlreadyRunningGetsNoSecond() {
    quietCall("exec-inbound");
    workflow(WorkflowIds.inboundCall("exec-inbound"), true);

    reaper(true).reap();

    verifyNoInteractions(starter);
  }

  @Test
  void theLongestQuietCallsAreFollowedFirstAndOneThatFailsDoesNotStopTheRest() {
    call("exec-quiet-30", "in_progress", Duration.ofMinutes(30));
    call("exec-quiet-90", "in_progress", Duration.ofMinutes(90));
    when(starter.startFollower("exec-quiet-90")).thenThrow(new IllegalStateException("no agent"));

    reaper(true).reap();

    var order = inOrder(starter);
    order.verify(starter).startFollower("exec-quiet-90");
    order.verify(starter).startFollower("exec-quiet-30");
  }

  @Test
  void anApiOnlyNodeFollowsNothing() {
    quietCall("exec-orphan");

    reaper(false).reap();

    verifyNoInteractions(starter);
  }
}
