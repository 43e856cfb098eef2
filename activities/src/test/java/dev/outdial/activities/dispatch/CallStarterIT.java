package dev.outdial.activities.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.call.CallRecords;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import dev.outdial.workflows.call.CallOutcome;
import dev.outdial.workflows.call.CallProgress;
import dev.outdial.workflows.call.CallRequest;
import dev.outdial.workflows.call.CallWorkflow;
import dev.outdial.workflows.call.ProviderStatus;
import dev.outdial.workflows.common.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Starting call workflows on Temporal's test server, with a call workflow that only records what it
 * was started with and the statuses it hears, and runs until it hears a final one: each queued call
 * starts under its own id with its row's data, a running one is never started twice, a finished one
 * starts again for the next attempt.
 */
class CallStarterIT {

  private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
  private static final Duration NO_NEWS = Duration.ofMinutes(3);
  private static final Duration MAX_CALL = Duration.ofMinutes(40);

  /** What each recording workflow was started with and heard, by workflow id. */
  static final Map<String, CallRequest> STARTED = new ConcurrentHashMap<>();

  static final Map<String, List<String>> HEARD = new ConcurrentHashMap<>();

  /** Records its start and the statuses it hears; ends at the first final status. */
  public static class RecordingCallWorkflow implements CallWorkflow {
    private final List<String> statuses = new ArrayList<>();

    @Override
    public CallOutcome run(CallRequest request) {
      String id = Workflow.getInfo().getWorkflowId();
      STARTED.put(id, request);
      Workflow.await(() -> statuses.stream().anyMatch(ProviderStatus.TERMINAL::contains));
      return null;
    }

    @Override
    public void providerStatus(ProviderStatus status) {
      statuses.add(status.status());
      HEARD
          .computeIfAbsent(Workflow.getInfo().getWorkflowId(), k -> new ArrayList<>())
          .add(status.status());
    }

    @Override
    public CallProgress progress() {
      return null;
    }
  }

  private TestWorkflowEnvironment temporal;
  private JdbcClient jdbc;
  private TestRows rows;
  private CallStarter starter;
  private Allocator allocator;
  private UUID user;
  private UUID agent;

  @BeforeEach
  void setUp() {
    STARTED.clear();
    HEARD.clear();
    temporal = TestWorkflowEnvironment.newInstance();
    temporal
        .newWorker(TaskQueues.OUTDIAL)
        .registerWorkflowImplementationTypes(RecordingCallWorkflow.class);
    temporal.start();
    DataSource dataSource = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(dataSource);
    rows = new TestRows(jdbc);
    allocator = new Allocator(jdbc, new DataSourceTransactionManager(dataSource));
    WorkflowClient client = temporal.getWorkflowClient();
    starter = new CallStarter(jdbc, () -> client, NO_NEWS, MAX_CALL, new ObjectMapper());
    user = rows.user(100, 5);
    agent = rows.agent(user);
  }

  @AfterEach
  void tearDown() {
    temporal.close();
  }

  private String bolnaAgentId() {
    return jdbc.sql("SELECT bolna_agent_id FROM agents WHERE id = :id")
        .param("id", agent)
        .query(String.class)
        .single();
  }

  private UUID campaignItem(UUID campaign, String number, String userData, int attempts) {
    UUID contact = rows.contact(user, "Ada", number);
    return jdbc.sql(
            """
            INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                                    position, scheduled_for, timezone, user_data, attempts)
            VALUES (:u, :c, :a, :contact, :p, 1, :at, 'UTC', CAST(:data AS jsonb), :attempts)
            RETURNING id
            """)
        .param("u", user)
        .param("c", campaign)
        .param("a", agent)
        .param("contact", contact)
        .param("p", number)
        .param("at", Timestamp.from(NOW.minusSeconds(60)))
        .param("data", userData)
        .param("attempts", attempts)
        .query(UUID.class)
        .single();
  }

  private String oneOff(String number, int attempts) {
    String workflowId = "call-adhoc-" + UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO call_requests (workflow_id, user_id, agent_id, phone_number, user_data,
                                       max_attempts, retry_delay_seconds, scheduled_for, attempts)
            VALUES (:w, :u, :a, :p, '{"plan": "gold", "seats": 12}', 3, 90, :at, :attempts)
            """)
        .param("w", workflowId)
        .param("u", user)
        .param("a", agent)
        .param("p", number)
        .param("at", Timestamp.from(NOW.minusSeconds(30)))
        .param("attempts", attempts)
        .update();
    return workflowId;
  }

  private UUID campaign() {
    UUID campaign = rows.activeCampaign(user, agent, LocalTime.MIN, LocalTime.of(23, 59), "UTC");
    jdbc.sql("UPDATE call_campaigns SET max_attempts = 4, retry_delay_minutes = 7 WHERE id = :id")
        .param("id", campaign)
        .update();
    return campaign;
  }

  /** What the workflow was started with, once its first task ran. */
  private static CallRequest startedWith(String workflowId) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> STARTED.get(workflowId), r -> r != null);
  }

  private void finish(String workflowId) {
    WorkflowClient client = temporal.getWorkflowClient();
    client
        .newWorkflowStub(CallWorkflow.class, workflowId)
        .providerStatus(new ProviderStatus("exec", "completed"));
    client.newUntypedWorkflowStub(workflowId).getResult(CallOutcome.class);
  }

  @Test
  void aCampaignItemStartsUnderItsIdWithItsRowsDataAndOnlyOnceWhileItRuns() {
    UUID campaign = campaign();
    UUID item = campaignItem(campaign, "+14155550101", "{\"plan\": \"gold\", \"seats\": 12}", 2);

    assertThat(starter.startCampaignItem(item)).isTrue();
    assertThat(starter.startCampaignItem(item)).as("running already").isFalse();

    CallRequest request = startedWith("call-" + item);
    assertThat(request.userId()).isEqualTo(user);
    assertThat(request.agentId()).isEqualTo(agent);
    assertThat(request.bolnaAgentId()).isEqualTo(bolnaAgentId());
    assertThat(request.contactId()).isNotNull();
    assertThat(request.queueItemId()).isEqualTo(item);
    assertThat(request.campaignId()).isEqualTo(campaign);
    assertThat(request.phoneNumber()).isEqualTo("+14155550101");
    assertThat(request.userData())
        .containsExactlyInAnyOrderEntriesOf(Map.of("plan", "gold", "seats", "12"));
    assertThat(request.maxAttempts()).isEqualTo(4);
    assertThat(request.retryDelay()).isEqualTo(Duration.ofMinutes(7));
    assertThat(request.noNewsTimeout()).isEqualTo(NO_NEWS);
    assertThat(request.firstAttempt()).isEqualTo(2);
    assertThat(request.queued()).isTrue();
    assertThat(request.effectiveMaxCallLength()).isEqualTo(MAX_CALL);
  }

  @Test
  void anItemWhoseWorkflowEndedStartsAgainForItsNextAttempt() {
    UUID item = campaignItem(campaign(), "+14155550102", "{}", 1);
    assertThat(starter.startCampaignItem(item)).isTrue();
    finish("call-" + item);
    STARTED.clear();
    jdbc.sql("UPDATE call_queue SET attempts = 2 WHERE id = :id").param("id", item).update();

    assertThat(starter.startCampaignItem(item)).isTrue();
    assertThat(startedWith("call-" + item).firstAttempt()).isEqualTo(2);
  }

  @Test
  void userDataThatIsNotAnObjectIsLeftOutAndTheCallStillStarts() {
    UUID item = campaignItem(campaign(), "+14155550103", "[1, 2]", 0);

    assertThat(starter.startCampaignItem(item)).isTrue();
    assertThat(startedWith("call-" + item).userData()).isEmpty();
  }

  @Test
  void aOneOffCallStartsUnderItsRequestsKeyAtLeastAtTheFirstAttempt() {
    String workflowId = oneOff("+14155550104", 0);

    assertThat(starter.startOneOff(workflowId)).isTrue();
    assertThat(starter.startOneOff(workflowId)).as("running already").isFalse();

    CallRequest request = startedWith(workflowId);
    assertThat(request.queueItemId()).isNull();
    assertThat(request.queued()).isTrue();
    assertThat(request.phoneNumber()).isEqualTo("+14155550104");
    assertThat(request.userData()).containsEntry("seats", "12");
    assertThat(request.maxAttempts()).isEqualTo(3);
    assertThat(request.retryDelay()).isEqualTo(Duration.ofSeconds(90));
    assertThat(request.firstAttempt()).isEqualTo(1);
    assertThat(request.effectiveMaxCallLength()).isEqualTo(MAX_CALL);

    finish(workflowId);
    STARTED.clear();
    jdbc.sql("UPDATE call_requests SET attempts = 2 WHERE workflow_id = :w")
        .param("w", workflowId)
        .update();
    assertThat(starter.startOneOff(workflowId)).isTrue();
    assertThat(startedWith(workflowId).firstAttempt()).isEqualTo(2);
  }

  @Test
  void aCallNobodyFollowsGetsAFollowerThatAsksBolnaAtOnceAndNeverDials() {
    UUID contact = rows.contact(user, "Ada", "+14155550105");
    jdbc.sql(
            """
            INSERT INTO calls (agent_id, user_id, contact_id, bolna_execution_id, phone_number)
            VALUES (:a, :u, :c, 'exec-lost', '+14155550105')
            """)
        .param("a", agent)
        .param("u", user)
        .param("c", contact)
        .update();

    assertThat(starter.startFollower("exec-lost")).isTrue();
    assertThat(starter.startFollower("exec-lost")).isFalse();

    CallRequest request = startedWith("call-exec-exec-lost");
    assertThat(request.inboundExecutionId()).isEqualTo("exec-lost");
    assertThat(request.contactId()).isEqualTo(contact);
    assertThat(request.noNewsTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(request.effectiveMaxCallLength()).isEqualTo(MAX_CALL);
  }

  @Test
  void anInboundCallStartsWithItsFirstStatusAndLaterStatusesReachTheSameWorkflow() {
    UUID contact = rows.contact(user, "Caller", "+14155550106");
    var call = new CallRecords.Inbound(UUID.randomUUID(), user, agent, contact, "+14155550106");

    String first = starter.startInbound(call, "bolna-in", "exec-in", "ringing");
    String second = starter.startInbound(call, "bolna-in", "exec-in", "in-progress");

    assertThat(first).isEqualTo("call-exec-exec-in").isEqualTo(second);
    temporal
        .getWorkflowClient()
        .newWorkflowStub(CallWorkflow.class, first)
        .providerStatus(new ProviderStatus("exec-in", "completed"));
    temporal.getWorkflowClient().newUntypedWorkflowStub(first).getResult(CallOutcome.class);
    assertThat(HEARD.get(first)).containsExactly("ringing", "in-progress", "completed");
    CallRequest request = startedWith(first);
    assertThat(request.phoneNumber()).isEqualTo("+14155550106");
    assertThat(request.bolnaAgentId()).isEqualTo("bolna-in");
    assertThat(request.noNewsTimeout()).isEqualTo(NO_NEWS);
    assertThat(request.effectiveMaxCallLength()).isEqualTo(MAX_CALL);
  }

  @Test
  void aDispatchRoundStartsEveryAllocatedCallAndCountsOnlyThoseItStarted() {
    UUID item = campaignItem(campaign(), "+14155550107", "{}", 0);
    String oneOff = oneOff("+14155550108", 0);
    UUID runningAlready = campaignItem(campaign(), "+14155550109", "{}", 0);
    starter.startCampaignItem(runningAlready);
    var dispatch =
        new DispatchActivitiesImpl(
            jdbc, allocator, starter, () -> null, Clock.fixed(NOW, ZoneOffset.UTC));

    var result = dispatch.dispatch();

    startedWith("call-" + item);
    startedWith(oneOff);
    assertThat(result.started()).isEqualTo(2);
    assertThat(result.millisUntilNextDue()).isEqualTo(-1);
  }
}
