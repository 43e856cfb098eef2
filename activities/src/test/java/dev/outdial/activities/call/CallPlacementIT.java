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
import io.temporal.failure.ApplicationFailure;
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
  private final MutableClock clock = new MutableClock(Instant.now());

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
}
