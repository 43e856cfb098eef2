package dev.outdial.activities.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.billing.CreditsPerMinute;
import dev.outdial.activities.bolna.BolnaClient;
import dev.outdial.activities.bolna.BolnaException;
import dev.outdial.activities.bolna.BolnaProperties;
import dev.outdial.activities.bolna.StubBolnaServer;
import dev.outdial.activities.bolna.StubBolnaServer.Answer;
import dev.outdial.activities.dispatch.DialGate;
import dev.outdial.activities.testing.MutableClock;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.workflows.call.CallActivities;
import dev.outdial.workflows.call.PlaceCall;
import dev.outdial.workflows.call.Placement;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * At-most-once dialing against real Postgres and a stand-in for Bolna: however often the placing
 * activity runs for one attempt, Bolna's POST /call is sent at most once.
 */
class CallPlacementIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StubBolnaServer bolna;
  private JdbcClient jdbc;
  private CallActivitiesImpl activities;
  private UUID userId;
  private UUID agentId;
  // Whole milliseconds, as Postgres keeps them: an attempt made now is exactly as old as the clock
  // says.
  private final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

  @BeforeEach
  void setUp() {
    bolna = new StubBolnaServer();
    DataSource dataSource = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(dataSource);
    BolnaClient client =
        new BolnaClient(
            new BolnaProperties(
                bolna.baseUrl(),
                "k",
                Duration.ofSeconds(2),
                Duration.ofMillis(300),
                2,
                Duration.ofMillis(5)),
            JSON);
    activities =
        new CallActivitiesImpl(
            jdbc,
            new DataSourceTransactionManager(dataSource),
            () -> client,
            JSON,
            clock,
            new DialGate(jdbc, () -> null, 450, new CreditsPerMinute(1), clock));
    userId =
        jdbc.sql("INSERT INTO users (email, name) VALUES ('u@example.com', 'U') RETURNING id")
            .query(UUID.class)
            .single();
    agentId =
        jdbc.sql(
                "INSERT INTO agents (user_id, bolna_agent_id, name) VALUES (:u, 'bolna-a', 'A') RETURNING id")
            .param("u", userId)
            .query(UUID.class)
            .single();
  }

  @AfterEach
  void tearDown() {
    bolna.close();
  }

  private PlaceCall attempt(String key) {
    return new PlaceCall(
        key,
        "call-test",
        userId,
        agentId,
        "bolna-a",
        null,
        null,
        null,
        "+14155552671",
        Map.of("name", "Ada"));
  }

  private static String executionsWith(String attemptKey, String executionId) {
    return """
        {"page_number": 1, "page_size": 50, "total": 1, "has_more": false,
         "data": [{"id": "%s", "status": "ringing",
                   "context_details": {"recipient_data": {"outdial_attempt_key": "%s"}}}]}
        """
        .formatted(executionId, attemptKey);
  }

  @Test
  void aPlacementWhoseAnswerWasLostIsLookedUpAndNeverDialedAgain() {
    bolna.on("POST /call", Answer.never());
    bolna.on(
        "GET /v2/agent/bolna-a/executions",
        Answer.json(200, executionsWith("call-test:1", "exec-found")));

    Throwable firstRun = catchThrowable(() -> activities.placeCall(attempt("call-test:1")));
    Placement secondRun = activities.placeCall(attempt("call-test:1"));
    Placement thirdRun = activities.placeCall(attempt("call-test:1"));

    assertThat(firstRun).isInstanceOf(BolnaException.class);
    assertThat(((BolnaException) firstRun).mayHaveBeenAccepted()).isTrue();
    assertThat(secondRun.executionId()).isEqualTo("exec-found");
    assertThat(thirdRun).isEqualTo(secondRun);
    assertThat(bolna.count("POST /call")).isEqualTo(1);
    assertThat(
            jdbc.sql("SELECT count(*) FROM calls WHERE bolna_execution_id = 'exec-found'")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aPlacementInDoubtThatBolnaDoesNotKnowIsLookedUpAgainThenSettledAndNeverDialedAgain() {
    bolna.on("POST /call", Answer.never());
    bolna.on(
        "GET /v2/agent/bolna-a/executions",
        Answer.json(
            200,
            "{\"page_number\": 1, \"page_size\": 50, \"total\": 0, \"has_more\": false, \"data\": []}"));

    catchThrowable(() -> activities.placeCall(attempt("call-test:2")));
    Throwable soon = catchThrowable(() -> activities.placeCall(attempt("call-test:2")));
    clock.advance(Duration.ofMinutes(3));
    Throwable later = catchThrowable(() -> activities.placeCall(attempt("call-test:2")));
    Throwable again = catchThrowable(() -> activities.placeCall(attempt("call-test:2")));

    assertThat(((ApplicationFailure) soon).isNonRetryable()).isFalse();
    assertThat(soon.getMessage()).contains("looking again");
    assertThat(((ApplicationFailure) later).getType()).isEqualTo(CallActivities.PLACEMENT_UNKNOWN);
    assertThat(((ApplicationFailure) again).getType()).isEqualTo(CallActivities.PLACEMENT_UNKNOWN);
    assertThat(bolna.count("POST /call")).isEqualTo(1);
    assertThat(bolna.count("GET /v2/agent/bolna-a/executions")).isEqualTo(2);
  }

  @Test
  void aPlacementAnswered500IsLookedUpAndFoundNotDialedAgain() {
    bolna.on("POST /call", Answer.json(500, "{\"message\": \"Internal Server Error\"}"));
    bolna.on(
        "GET /v2/agent/bolna-a/executions",
        Answer.json(200, executionsWith("call-test:5", "exec-500")));

    Throwable firstRun = catchThrowable(() -> activities.placeCall(attempt("call-test:5")));
    Placement secondRun = activities.placeCall(attempt("call-test:5"));

    assertThat(((BolnaException) firstRun).mayHaveBeenAccepted()).isTrue();
    assertThat(secondRun.executionId()).isEqualTo("exec-500");
    assertThat(bolna.count("POST /call")).isEqualTo(1);
  }

  @Test
  void aPlacementBolnaProvablyDidNotTakeIsDialedAgainOnTheNextRun() {
    bolna.on(
        "POST /call",
        Answer.json(429, "{\"message\": \"rate limited\"}"),
        Answer.json(
            200,
            "{\"message\": \"done\", \"status\": \"queued\", \"execution_id\": \"exec-2nd\"}"));

    Placement firstRun = activities.placeCall(attempt("call-test:3"));
    clock.advance(Duration.ofMinutes(1));
    Placement secondRun = activities.placeCall(attempt("call-test:3"));

    assertThat(firstRun.refusal()).isEqualTo(Placement.WAIT);
    assertThat(secondRun.executionId()).isEqualTo("exec-2nd");
    assertThat(bolna.count("POST /call")).isEqualTo(2);
    assertThat(bolna.count("GET /v2/agent/bolna-a/executions")).isZero();
  }

  @Test
  void aRefusedNumberFailsWithoutRetry() {
    bolna.on(
        "POST /call", Answer.json(400, "{\"error\": 400, \"message\": \"Invalid recipient\"}"));

    Throwable failure = catchThrowable(() -> activities.placeCall(attempt("call-test:4")));

    assertThat(((ApplicationFailure) failure).getType()).isEqualTo(CallActivities.PROVIDER_REFUSED);
    assertThat(((ApplicationFailure) failure).isNonRetryable()).isTrue();
    assertThat(failure.getMessage()).contains("Invalid recipient");
  }

  private static final String PLACED =
      "{\"message\": \"done\", \"status\": \"queued\", \"execution_id\": \"%s\"}";

  /** A one-off request of the workflow {@code call-test} the allocator gave a slot. */
  private OneOffQueue allocatedRequest() {
    OneOffQueue requests = new OneOffQueue(jdbc);
    requests.enqueue(
        "call-test", userId, agentId, null, "+14155552671", "{}", 2, 60, clock.instant(), null);
    requests.allocate("call-test", clock.instant());
    return requests;
  }

  private Map<String, Object> request() {
    return jdbc.sql(
            "SELECT status, attempts, call_id, failure_reason, ended_at FROM call_requests"
                + " WHERE workflow_id = 'call-test'")
        .query()
        .singleRow();
  }

  @Test
  void aPlacedCallCarriesTheCallersDataAndItsOwnKeysAndIsLinkedToItsRequest() throws Exception {
    allocatedRequest();
    bolna.on("POST /call", Answer.json(200, PLACED.formatted("exec-linked")));

    Placement placed = activities.placeCall(attempt("call-test:1"));

    var body = JSON.readTree(bolna.received().get(0).body());
    assertThat(body.path("agent_id").asText()).isEqualTo("bolna-a");
    assertThat(body.path("recipient_phone_number").asText()).isEqualTo("+14155552671");
    assertThat(JSON.convertValue(body.path("user_data"), Map.class))
        .isEqualTo(
            Map.of(
                "name", "Ada",
                "outdial_attempt_key", "call-test:1",
                "outdial_workflow_id", "call-test",
                "outdial_user_id", userId.toString()));
    assertThat(placed.executionId()).isEqualTo("exec-linked");
    assertThat(request()).containsEntry("call_id", placed.callId());
    assertThat(
            jdbc.sql("SELECT status, call_id FROM call_attempts WHERE attempt_key = 'call-test:1'")
                .query()
                .singleRow())
        .containsEntry("status", "placed")
        .containsEntry("call_id", placed.callId());
  }

  @Test
  void aCampaignItemsCallNamesItsItemToBolnaAndIsLinkedToIt() throws Exception {
    UUID campaign =
        new dev.outdial.activities.testing.TestRows(jdbc)
            .activeCampaign(
                userId,
                agentId,
                java.time.LocalTime.MIN,
                java.time.LocalTime.of(23, 59, 59),
                "America/Los_Angeles");
    jdbc.sql("UPDATE call_campaigns SET start_date = '2020-01-01' WHERE id = :id")
        .param("id", campaign)
        .update();
    UUID item =
        jdbc.sql(
                """
                INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                                        position, scheduled_for, status, attempts)
                VALUES (:u, :c, :a, :contact, '+14155552671', 1, now(), 'processing', 1)
                RETURNING id
                """)
            .param("u", userId)
            .param("c", campaign)
            .param("a", agentId)
            .param(
                "contact",
                new dev.outdial.activities.testing.TestRows(jdbc)
                    .contact(userId, "Ada", "+14155552671"))
            .query(UUID.class)
            .single();
    bolna.on("POST /call", Answer.json(200, PLACED.formatted("exec-item")));
    PlaceCall request =
        new PlaceCall(
            "campaign-x:1",
            "campaign-x",
            userId,
            agentId,
            "bolna-a",
            null,
            item,
            campaign,
            "+14155552671",
            null);

    Placement placed = activities.placeCall(request);

    var userData = JSON.readTree(bolna.received().get(0).body()).path("user_data");
    assertThat(userData.path("outdial_queue_item_id").asText()).isEqualTo(item.toString());
    assertThat(userData.has("name")).isFalse();
    assertThat(
            jdbc.sql("SELECT call_id FROM call_queue WHERE id = :id")
                .param("id", item)
                .query(UUID.class)
                .single())
        .isEqualTo(placed.callId());
  }

  @Test
  void aQueuedOneOffCallTheGateRefusesForGoodIsClosedInItsQueue() {
    allocatedRequest();
    jdbc.sql("UPDATE users SET is_active = false WHERE id = :id").param("id", userId).update();

    Placement refused = activities.placeCall(attempt("call-test:1"));

    assertThat(refused.refusal()).isEqualTo("skipped");
    assertThat(request())
        .containsEntry("status", "skipped")
        .containsEntry("failure_reason", "no credits left");
    assertThat(bolna.count("POST /call")).isZero();
  }

  /** One call slot, taken by a call in progress. */
  private void accountAtItsLimit() {
    jdbc.sql("UPDATE users SET concurrent_calls_limit = 1 WHERE id = :id")
        .param("id", userId)
        .update();
    jdbc.sql(
            """
            INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number)
            VALUES (:a, :u, 'exec-busy-slot', '+14155550000')
            """)
        .param("a", agentId)
        .param("u", userId)
        .update();
  }

  @Test
  void aQueuedOneOffCallWithoutASlotGoesBackToItsQueueWithoutSpendingAnAttempt() {
    allocatedRequest();
    accountAtItsLimit();

    Placement refused = activities.placeCall(attempt("call-test:1"));

    assertThat(refused.refusal()).isEqualTo(Placement.REQUEUED);
    assertThat(request()).containsEntry("status", "queued").containsEntry("attempts", 0);
    assertThat(bolna.count("POST /call")).isZero();
  }

  @Test
  void aOneOffCallOutsideTheQueueWaitsAtTheGateInsteadOfGoingBack() {
    accountAtItsLimit();

    Placement refused = activities.placeCall(attempt("call-test:1"));

    assertThat(refused.refusal()).isEqualTo(Placement.WAIT);
    assertThat(bolna.count("POST /call")).isZero();
  }

  @Test
  void aSuccessfulPlacementEndsASlowDownThatHasRunItsCourse() {
    bolna.on(
        "POST /call",
        Answer.json(429, "{\"message\": \"rate limited\"}"),
        Answer.json(200, PLACED.formatted("exec-after")));
    activities.placeCall(attempt("call-test:6"));
    clock.advance(Duration.ofSeconds(2));

    activities.placeCall(attempt("call-test:6"));

    assertThat(
            jdbc.sql("SELECT count(*) FROM system_config WHERE key = 'bolna_pace'")
                .query(Integer.class)
                .single())
        .as("the next 429 starts again at one second")
        .isZero();
  }

  @Test
  void aPolledStatusIsKeptLikeAWebhookAndAnsweredUnknownWhenBolnaGivesNone() {
    bolna.on(
        "GET /executions/exec-p",
        Answer.json(200, "{\"id\": \"exec-p\", \"status\": \"completed\"}"),
        Answer.json(200, "{\"id\": \"exec-p\"}"));

    assertThat(activities.pollStatus("exec-p")).isEqualTo("completed");
    assertThat(activities.pollStatus("exec-p")).isEqualTo("unknown");
    assertThat(
            jdbc.sql(
                    "SELECT status FROM webhook_events WHERE execution_id = 'exec-p'"
                        + " AND remote_address = 'poll' AND payload IS NOT NULL ORDER BY received_at")
                .query(String.class)
                .list())
        .containsExactly("completed", null);
  }

  @Test
  void aRequestClosedWithoutACallOrWhoseWorkflowEndedIsOver() {
    allocatedRequest();

    activities.closeWithoutCall(
        new dev.outdial.workflows.call.CloseWithoutCall(
            null, null, "failed", "Bolna refused the number", "call-test"));
    activities.closeWithoutCall(
        new dev.outdial.workflows.call.CloseWithoutCall(null, null, "skipped", "nothing", null));

    assertThat(request())
        .containsEntry("status", "failed")
        .containsEntry("failure_reason", "Bolna refused the number");
    assertThat(request().get("ended_at")).isNotNull();
  }

  @Test
  void anEndedWorkflowEndsItsRequest() {
    allocatedRequest();

    activities.endRequest("call-test");

    assertThat(request()).containsEntry("status", "failed");
    assertThat(request().get("ended_at")).isNotNull();
  }

  @Test
  void creditsAreTheGates() {
    assertThat(activities.hasCredits(userId)).isTrue();
    jdbc.sql("UPDATE users SET credits = 0 WHERE id = :id").param("id", userId).update();
    assertThat(activities.hasCredits(userId)).isFalse();
  }

  @Test
  void aPlacementInDoubtIsSettledOnceTheReconcileDelayHasPassedExactly() {
    bolna.on("POST /call", Answer.never());
    bolna.on(
        "GET /v2/agent/bolna-a/executions",
        Answer.json(
            200,
            "{\"page_number\": 1, \"page_size\": 50, \"total\": 0, \"has_more\": false, \"data\": []}"));
    catchThrowable(() -> activities.placeCall(attempt("call-test:7")));

    clock.advance(CallActivitiesImpl.RECONCILE_DELAY);
    Throwable settled = catchThrowable(() -> activities.placeCall(attempt("call-test:7")));

    assertThat(((ApplicationFailure) settled).getType())
        .isEqualTo(CallActivities.PLACEMENT_UNKNOWN);
  }

  @Test
  void aKeyBolnaRefusesFailsTheCallWithoutRetry() {
    bolna.on("POST /call", Answer.json(401, "{\"message\": \"Invalid API key\"}"));

    Throwable failure = catchThrowable(() -> activities.placeCall(attempt("call-test:8")));

    assertThat(((ApplicationFailure) failure).getType()).isEqualTo(CallActivities.PROVIDER_REFUSED);
    assertThat(((ApplicationFailure) failure).isNonRetryable()).isTrue();
    assertThat(
            jdbc.sql("SELECT count(*) FROM call_attempts WHERE attempt_key = 'call-test:8'")
                .query(Integer.class)
                .single())
        .as("nothing was placed: the intent is taken back")
        .isZero();
  }

  @Test
  void aRunWhoseActivityWasGivenUpStopsBeforeItDialsAndTakesItsIntentBack() {
    TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
    try {
      temporal.registerActivitiesImplementations(activities);
      CallActivities stub =
          temporal.newActivityStub(
              CallActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(1))
                  .setHeartbeatTimeout(Duration.ofSeconds(20))
                  .build());
      temporal.requestCancelActivity();

      Throwable stopped = catchThrowable(() -> stub.placeCall(attempt("call-test:9")));

      assertThat(stopped).isNotNull();
      assertThat(bolna.count("POST /call")).isZero();
      assertThat(
              jdbc.sql("SELECT count(*) FROM call_attempts WHERE attempt_key = 'call-test:9'")
                  .query(Integer.class)
                  .single())
          .isZero();
    } finally {
      temporal.close();
    }
  }
}
