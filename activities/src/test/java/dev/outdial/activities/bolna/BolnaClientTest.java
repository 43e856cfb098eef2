package dev.outdial.activities.bolna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.bolna.StubBolnaServer.Answer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BolnaClientTest {

  private final ObjectMapper json = new ObjectMapper();
  private StubBolnaServer bolna;
  private BolnaClient client;

  @BeforeEach
  void start() {
    bolna = new StubBolnaServer();
    client = clientFor(bolna.baseUrl());
  }

  @AfterEach
  void stop() {
    bolna.close();
  }

  private BolnaClient clientFor(String baseUrl) {
    return clientFor(baseUrl, 4, Duration.ofMillis(10));
  }

  private BolnaClient clientFor(String baseUrl, int maxAttempts, Duration initialBackoff) {
    return new BolnaClient(
        new BolnaProperties(
            baseUrl,
            "key-123",
            Duration.ofSeconds(2),
            Duration.ofMillis(500),
            maxAttempts,
            initialBackoff),
        json);
  }

  private static AgentSpec agent() {
    return new AgentSpec(
        "Sales",
        "call",
        "Hi {name}",
        "You sell.",
        "https://outdial.test/webhooks/bolna?token=t",
        Map.of("provider", "elevenlabs"),
        Map.of("model", "gpt-4o-mini"),
        Map.of("call_terminate", 300));
  }

  @Test
  void createAgentSendsTheKeyAndV2BodyAndAcceptsEitherAnswerShape() throws IOException {
    bolna.on(
        "POST /v2/agent",
        Answer.json(200, "{\"agent_id\": \"a-1\", \"state\": \"created\"}"),
        Answer.json(201, "{\"agent_id\": \"a-2\", \"status\": \"created\", \"extra\": 1}"));

    assertThat(client.createAgent(agent())).isEqualTo("a-1");
    assertThat(client.createAgent(agent())).isEqualTo("a-2");

    var request = bolna.received().get(0);
    assertThat(request.authorization()).isEqualTo("Bearer key-123");
    JsonNode body = json.readTree(request.body());
    assertThat(body.at("/agent_config/agent_name").asText()).isEqualTo("Sales");
    assertThat(body.at("/agent_config/webhook_url").asText()).contains("/webhooks/bolna?token=t");
    assertThat(body.at("/agent_config/tasks/0/task_type").asText()).isEqualTo("conversation");
    assertThat(body.at("/agent_config/tasks/0/task_config/call_terminate").asInt()).isEqualTo(300);
    assertThat(body.at("/agent_prompts/task_1/system_prompt").asText()).isEqualTo("You sell.");
  }

  @Test
  void errorsSayWhatBolnaAnswered() {
    bolna.on("GET /v2/agent/x", Answer.json(401, "{\"detail\": \"Invalid API key\"}"));
    bolna.on(
        "GET /v2/agent/y", Answer.json(404, "{\"error\": 404, \"message\": \"Agent not found\"}"));
    bolna.on("GET /v2/agent/z", Answer.json(422, "{\"error\": 422}"));

    var auth = catchThrowableOfType(BolnaException.class, () -> client.getAgent("x"));
    var missing = catchThrowableOfType(BolnaException.class, () -> client.getAgent("y"));
    var invalid = catchThrowableOfType(BolnaException.class, () -> client.getAgent("z"));

    assertThat(auth.kind()).isEqualTo(BolnaException.Kind.AUTH);
    assertThat(auth.getMessage()).contains("401").contains("Invalid API key");
    assertThat(missing.kind()).isEqualTo(BolnaException.Kind.REJECTED);
    assertThat(missing.getMessage()).contains("404").contains("Agent not found");
    assertThat(invalid.getMessage()).contains("422");
    assertThat(bolna.count("GET /v2/agent/x")).isEqualTo(1);
  }

  @Test
  void readsAreRetriedOnRateLimitsAndServerErrorsUntilTheyWork() {
    bolna.on(
        "GET /executions/e-1",
        Answer.json(429, "{\"error\": 429, \"message\": \"Too many requests\"}"),
        Answer.json(503, "{\"message\": \"unavailable\"}"),
        Answer.json(200, "{\"id\": \"e-1\", \"status\": \"ringing\"}"));

    assertThat(client.getExecution("e-1").status()).isEqualTo("ringing");
    assertThat(bolna.count("GET /executions/e-1")).isEqualTo(3);
  }

  @Test
  void placingACallIsNeverRetriedAndA5xxLeavesItInDoubt() {
    bolna.on("POST /call", Answer.json(503, "{\"message\": \"down\"}"));

    var failure =
        catchThrowableOfType(
            BolnaException.class,
            () ->
                client.placeCall(
                    new PlaceCallRequest("a-1", "+14155552671", null, Map.of(), null)));

    assertThat(bolna.count("POST /call")).isEqualTo(1);
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.mayHaveBeenAccepted()).isTrue();
  }

  @Test
  void aGatewayTimeoutOrAnAcceptanceWithoutAnExecutionIdLeavesThePlacedCallInDoubt() {
    bolna.on(
        "POST /call",
        Answer.json(504, "{\"message\": \"gateway timeout\"}"),
        Answer.json(502, "{\"message\": \"bad gateway\"}"),
        Answer.json(200, "{\"message\": \"done\", \"status\": \"queued\"}"));
    PlaceCallRequest call = new PlaceCallRequest("a-1", "+14155552671", null, Map.of(), null);

    var gatewayTimeout = catchThrowableOfType(BolnaException.class, () -> client.placeCall(call));
    var badGateway = catchThrowableOfType(BolnaException.class, () -> client.placeCall(call));
    var noExecution = catchThrowableOfType(BolnaException.class, () -> client.placeCall(call));

    assertThat(gatewayTimeout.mayHaveBeenAccepted()).isTrue();
    assertThat(badGateway.mayHaveBeenAccepted()).isTrue();
    assertThat(noExecution.mayHaveBeenAccepted()).isTrue();
    assertThat(noExecution.getMessage()).contains("without an execution_id");
    assertThat(bolna.count("POST /call")).as("nothing was sent twice").isEqualTo(3);
  }

  @Test
  void a4xxOrA429ProvesTheCallWasNotPlaced() {
    bolna.on(
        "POST /call",
        Answer.json(422, "{\"error\": 422, \"message\": \"bad number\"}"),
        Answer.json(429, "{\"message\": \"slow down\"}"));
    PlaceCallRequest call = new PlaceCallRequest("a-1", "+14155552671", null, Map.of(), null);

    var rejected = catchThrowableOfType(BolnaException.class, () -> client.placeCall(call));
    var limited = catchThrowableOfType(BolnaException.class, () -> client.placeCall(call));

    assertThat(rejected.mayHaveBeenAccepted()).isFalse();
    assertThat(limited.kind()).isEqualTo(BolnaException.Kind.RATE_LIMITED);
    assertThat(limited.mayHaveBeenAccepted()).isFalse();
  }

  @Test
  void aPlacedCallThatGetsNoAnswerMayHaveBeenAcceptedAndIsNotRetried() {
    bolna.on("POST /call", Answer.never());

    var failure =
        catchThrowableOfType(
            BolnaException.class,
            () ->
                client.placeCall(
                    new PlaceCallRequest("a-1", "+14155552671", null, Map.of(), null)));

    assertThat(failure.kind()).isEqualTo(BolnaException.Kind.TRANSPORT);
    assertThat(failure.mayHaveBeenAccepted()).isTrue();
    assertThat(bolna.count("POST /call")).isEqualTo(1);
  }

  @Test
  void aRefusedConnectionProvesTheCallWasNotPlaced() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var nobody = clientFor("http://127.0.0.1:" + closedPort);

    var failure =
        catchThrowableOfType(
            BolnaException.class,
            () ->
                nobody.placeCall(
                    new PlaceCallRequest("a-1", "+14155552671", null, Map.of(), null)));

    assertThat(failure.mayHaveBeenAccepted()).isFalse();
    assertThat(failure.retryable()).isTrue();
  }

  @Test
  void aCallCarriesUserDataAndAScheduleWithANumericOffset() throws IOException {
    bolna.on(
        "POST /call",
        Answer.json(
            200, "{\"message\": \"done\", \"status\": \"queued\", \"execution_id\": \"e-9\"}"));

    var result =
        client.placeCall(
            new PlaceCallRequest(
                "a-1",
                "+14155552671",
                null,
                Map.of("name", "Ada", "outdial_queue_item_id", "q-1"),
                Instant.parse("2026-01-02T03:04:05Z")));

    assertThat(result).isEqualTo(new PlaceCallResult("e-9", "queued", "done"));
    JsonNode body = json.readTree(bolna.received().get(0).body());
    assertThat(body.path("scheduled_at").asText()).isEqualTo("2026-01-02T03:04:05+00:00");
    assertThat(body.at("/user_data/outdial_queue_item_id").asText()).isEqualTo("q-1");
    assertThat(body.path("recipient_phone_number").asText()).isEqualTo("+14155552671");
  }

  @Test
  void anAgentsExecutionsAreListedPageByPage() {
    bolna.on(
        "GET /v2/agent/a-1/executions",
        Answer.json(
            200,
            """
            {"page_number": 2, "page_size": 50, "total": 51, "has_more": false,
             "data": [{"id": "e-1", "status": "completed",
                       "context_details": {"recipient_data": {"outdial_attempt_id": "t-1"}}}]}
            """));

    ExecutionPage page = client.listAgentExecutions("a-1", ExecutionQuery.page(2));

    assertThat(page.total()).isEqualTo(51);
    assertThat(page.hasMore()).isFalse();
    assertThat(page.data().get(0).recipientData()).containsEntry("outdial_attempt_id", "t-1");
    assertThat(bolna.received().get(0).query()).contains("page_number=2").contains("page_size=50");
    assertThatThrownBy(() -> new ExecutionQuery(1, 51, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aReadThatKeepsFailingIsTriedMaxAttemptsTimesAndThenFails() {
    bolna.on("GET /executions/e-1", Answer.json(503, "{\"message\": \"unavailable\"}"));
    var threeTries = clientFor(bolna.baseUrl(), 3, Duration.ofMillis(1));

    var failure = catchThrowableOfType(BolnaException.class, () -> threeTries.getExecution("e-1"));

    assertThat(failure.kind()).isEqualTo(BolnaException.Kind.SERVER);
    assertThat(failure.status()).isEqualTo(503);
    assertThat(bolna.count("GET /executions/e-1")).isEqualTo(3);
  }

  @Test
  void retriesWaitAtLeastTheBackoffAndTwiceAsLongTheNextTime() {
    bolna.on(
        "GET /executions/e-1",
        Answer.json(503, "{\"message\": \"unavailable\"}"),
        Answer.json(429, "{\"message\": \"slow down\"}"),
        Answer.json(200, "{\"id\": \"e-1\", \"status\": \"queued\"}"));
    var patient = clientFor(bolna.baseUrl(), 3, Duration.ofMillis(200));

    assertThat(patient.getExecution("e-1").status()).isEqualTo("queued");

    List<StubBolnaServer.Received> tries = bolna.received();
    assertThat(tries).hasSize(3);
    assertThat(Duration.ofNanos(tries.get(1).atNanos() - tries.get(0).atNanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(Duration.ofNanos(tries.get(2).atNanos() - tries.get(1).atNanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void aZeroBackoffRetriesAtOnce() {
    bolna.on(
        "GET /executions/e-1",
        Answer.json(502, "{\"message\": \"bad gateway\"}"),
        Answer.json(200, "{\"id\": \"e-1\", \"status\": \"ringing\"}"));
    var eager = clientFor(bolna.baseUrl(), 2, Duration.ZERO);

    assertThat(eager.getExecution("e-1").status()).isEqualTo("ringing");
    assertThat(bolna.count("GET /executions/e-1")).isEqualTo(2);
  }

  @Test
  void a500IsABolnaFailureWorthRetryingAndA499IsARejection() {
    bolna.on("GET /v2/agent/a-500", Answer.json(500, "{\"message\": \"internal\"}"));
    bolna.on("GET /v2/agent/a-499", Answer.json(499, "{\"message\": \"client closed\"}"));

    var server = catchThrowableOfType(BolnaException.class, () -> client.getAgent("a-500"));
    var rejected = catchThrowableOfType(BolnaException.class, () -> client.getAgent("a-499"));

    assertThat(server.kind()).isEqualTo(BolnaException.Kind.SERVER);
    assertThat(bolna.count("GET /v2/agent/a-500")).isEqualTo(4);
    assertThat(rejected.kind()).isEqualTo(BolnaException.Kind.REJECTED);
    assertThat(rejected.status()).isEqualTo(499);
    assertThat(bolna.count("GET /v2/agent/a-499")).isEqualTo(1);
  }

  @Test
  void aRedirectIsNotTakenForSuccess() {
    bolna.on("GET /v2/agent/a-1", Answer.json(300, "{\"message\": \"multiple choices\"}"));

    var failure = catchThrowableOfType(BolnaException.class, () -> client.getAgent("a-1"));

    assertThat(failure.kind()).isEqualTo(BolnaException.Kind.REJECTED);
    assertThat(failure.status()).isEqualTo(300);
  }

  @Test
  void onlyAGatewayTimeoutLeavesACreatedAgentInDoubt() {
    bolna.on(
        "POST /v2/agent",
        Answer.json(500, "{\"message\": \"internal\"}"),
        Answer.json(504, "{\"message\": \"gateway timeout\"}"));

    var internal = catchThrowableOfType(BolnaException.class, () -> client.createAgent(agent()));
    var gatewayTimeout =
        catchThrowableOfType(BolnaException.class, () -> client.createAgent(agent()));

    assertThat(internal.mayHaveBeenAccepted()).isFalse();
    assertThat(gatewayTimeout.mayHaveBeenAccepted()).isTrue();
    assertThat(bolna.count("POST /v2/agent")).as("a create is never repeated").isEqualTo(2);
  }

  @Test
  void errorMessagesCarryBolnasOwnWordsFromMessageDetailOrError() {
    bolna.on(
        "GET /v2/agent/auth",
        Answer.json(403, "{\"message\": null, \"detail\": \"Key lacks rights\"}"));
    bolna.on("GET /v2/agent/quota", Answer.json(400, "{\"error\": \"quota exceeded\"}"));
    bolna.on(
        "GET /v2/agent/invalid",
        Answer.json(
            422, "{\"detail\": [{\"loc\": [\"path\", \"agent_id\"], \"msg\": \"not a uuid\"}]}"));
    bolna.on("GET /v2/agent/other", Answer.json(409, "{\"errors\": [\"in use\"]}"));

    var auth = catchThrowableOfType(BolnaException.class, () -> client.getAgent("auth"));
    var quota = catchThrowableOfType(BolnaException.class, () -> client.getAgent("quota"));
    var invalid = catchThrowableOfType(BolnaException.class, () -> client.getAgent("invalid"));
    var other = catchThrowableOfType(BolnaException.class, () -> client.getAgent("other"));

    assertThat(auth.kind()).isEqualTo(BolnaException.Kind.AUTH);
    assertThat(auth.getMessage())
        .isEqualTo("Bolna answered 403 to GET /v2/agent/auth: Key lacks rights");
    assertThat(quota.getMessage()).endsWith(": quota exceeded");
    assertThat(invalid.getMessage())
        .endsWith(": [{\"loc\":[\"path\",\"agent_id\"],\"msg\":\"not a uuid\"}]");
    assertThat(other.getMessage()).endsWith(": {\"errors\": [\"in use\"]}");
  }

  @Test
  void anEmptyOrNonJsonErrorBodyIsReportedAsSuch() {
    bolna.on("DELETE /v2/agent/gone", Answer.json(404, ""));
    String page = "<html>" + "x".repeat(294) + "TAIL".repeat(50) + "</html>";
    bolna.on("POST /v2/agent", Answer.json(502, page));

    var gone = catchThrowableOfType(BolnaException.class, () -> client.deleteAgent("gone"));
    var gateway = catchThrowableOfType(BolnaException.class, () -> client.createAgent(agent()));

    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.getMessage())
        .isEqualTo("Bolna answered 404 to DELETE /v2/agent/gone: (no body)");
    assertThat(gateway.getMessage())
        .isEqualTo("Bolna answered 502 to POST /v2/agent: " + page.substring(0, 300));
  }

  @Test
  void aFailedListingNamesThePathButNotItsQuery() {
    bolna.on("GET /v2/agent/a-1/executions", Answer.json(400, "{\"message\": \"unknown status\"}"));
    var query = new ExecutionQuery(1, 10, "completed", "outbound", null, null);

    var failure =
        catchThrowableOfType(BolnaException.class, () -> client.listAgentExecutions("a-1", query));

    assertThat(failure.getMessage())
        .isEqualTo("Bolna answered 400 to GET /v2/agent/a-1/executions: unknown status");
  }

  @Test
  void transportFailuresSayWhatHappened() throws IOException {
    bolna.on("POST /call", Answer.never());
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var nobody = clientFor("http://127.0.0.1:" + closedPort, 1, Duration.ZERO);
    var call = new PlaceCallRequest("a-1", "+14155552671", null, Map.of(), null);

    var silent = catchThrowableOfType(BolnaException.class, () -> client.placeCall(call));
    var refused = catchThrowableOfType(BolnaException.class, () -> nobody.getUser());

    assertThat(silent.getMessage()).startsWith("Bolna did not answer: ").contains("timed out");
    assertThat(refused.getMessage())
        .startsWith("Bolna could not be reached: ")
        .contains("ConnectException")
        .doesNotContain("null");
  }

  @Test
  void anEmptySuccessfulAnswerIsAnEmptyObject() {
    bolna.on("GET /v2/agent/a-1", Answer.json(200, ""));

    JsonNode agent = client.getAgent("a-1");

    assertThat(agent.isObject()).isTrue();
    assertThat(agent.isEmpty()).isTrue();
  }

  @Test
  void theUserAndAnAgentAreReadAsBolnaSendsThem() {
    bolna.on(
        "GET /user/me",
        Answer.json(
            200,
            "{\"id\": \"u-1\", \"wallet\": 12.5, \"concurrency\": {\"max\": 2, \"current\": 1}}"));
    bolna.on(
        "GET /v2/agent/a-1",
        Answer.json(200, "{\"agent_id\": \"a-1\", \"agent_name\": \"Sales\"}"));

    JsonNode user = client.getUser();
    JsonNode agent = client.getAgent("a-1");

    assertThat(user.at("/concurrency/max").asInt()).isEqualTo(2);
    assertThat(user.path("wallet").decimalValue()).isEqualByComparingTo("12.5");
    assertThat(agent.path("agent_name").asText()).isEqualTo("Sales");
    assertThat(bolna.received())
        .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer key-123"));
  }

  @Test
  void agentsAreListedFromABareArrayOrADataField() {
    bolna.on(
        "GET /v2/agent/all",
        Answer.json(200, "[{\"agent_id\": \"a-1\"}, {\"agent_id\": \"a-2\"}]"),
        Answer.json(200, "{\"data\": [{\"agent_id\": \"a-3\"}]}"));

    var bare = client.listAgents();
    var wrapped = client.listAgents();

    assertThat(bare).extracting(a -> a.path("agent_id").asText()).containsExactly("a-1", "a-2");
    assertThat(wrapped).extracting(a -> a.path("agent_id").asText()).containsExactly("a-3");
  }

  @Test
  void aCallersNumberIsSentOnlyWhenChosen() throws IOException {
    bolna.on(
        "POST /call",
        Answer.json(
            200, "{\"message\": \"done\", \"status\": \"queued\", \"execution_id\": \"e-1\"}"));

    client.placeCall(new PlaceCallRequest("a-1", "+14155552671", "+14155550000", null, null));
    client.placeCall(new PlaceCallRequest("a-1", "+14155552671", null, null, null));

    JsonNode chosen = json.readTree(bolna.received().get(0).body());
    JsonNode agentsDefault = json.readTree(bolna.received().get(1).body());
    assertThat(chosen.path("from_phone_number").asText()).isEqualTo("+14155550000");
    assertThat(agentsDefault.has("from_phone_number")).isFalse();
    assertThat(agentsDefault.has("scheduled_at")).isFalse();
    assertThat(agentsDefault.path("user_data").isObject()).isTrue();
  }

  @Test
  void anExecutionsQueryCarriesEveryFilterAndNothingElse() {
    bolna.on("GET /v2/agent/a-1/executions", Answer.json(200, "{\"data\": []}"));

    var page =
        client.listAgentExecutions(
            "a-1",
            new ExecutionQuery(
                3,
                20,
                "no-answer",
                "outbound",
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-02T00:00:00Z")));
    client.listAgentExecutions("a-1", ExecutionQuery.page(1));

    assertThat(bolna.received().get(0).query())
        .isEqualTo(
            "page_number=3&page_size=20&status=no-answer&call_type=outbound"
                + "&from=2026-01-01T00:00:00+00:00&to=2026-01-02T00:00:00+00:00");
    assertThat(bolna.received().get(1).query()).isEqualTo("page_number=1&page_size=50");
    assertThat(page.pageNumber()).isEqualTo(3);
    assertThat(page.pageSize()).isEqualTo(20);
    assertThat(page.total()).isZero();
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void aPatchChangesTheSynthesizerOnlyWhenAVoiceIsGiven() throws IOException {
    bolna.on(
        "PATCH /v2/agent/a-1",
        Answer.json(200, "{\"message\": \"success\", \"state\": \"updated\"}"));
    var silentVoice =
        new AgentSpec(
            "Sales", "call", null, "You sell.", "https://outdial.test/w", Map.of(), null, null);

    client.patchAgent("a-1", agent());
    client.patchAgent("a-1", silentVoice);

    JsonNode withVoice = json.readTree(bolna.received().get(0).body());
    JsonNode withoutVoice = json.readTree(bolna.received().get(1).body());
    assertThat(withVoice.at("/agent_config/synthesizer/provider").asText()).isEqualTo("elevenlabs");
    assertThat(withVoice.at("/agent_config/agent_welcome_message").asText()).isEqualTo("Hi {name}");
    assertThat(withoutVoice.path("agent_config").has("synthesizer")).isFalse();
    assertThat(withoutVoice.at("/agent_config/agent_welcome_message").isTextual()).isTrue();
    assertThat(withoutVoice.at("/agent_config/agent_welcome_message").asText()).isEmpty();
    assertThat(withoutVoice.at("/agent_prompts/task_1/system_prompt").asText())
        .isEqualTo("You sell.");
  }

  @Test
  void aClientOnAnotherEndpointUsesItsKeyAndKeepsTheRetrySettings() {
    bolna.on(
        "GET /user/me",
        Answer.json(503, "{\"message\": \"busy\"}"),
        Answer.json(200, "{\"id\": \"u-1\"}"));
    var configured =
        new BolnaProperties(
            "https://api.bolna.ai",
            "",
            Duration.ofSeconds(2),
            Duration.ofMillis(500),
            2,
            Duration.ofMillis(1));

    var simulated =
        new BolnaClient(configured.withEndpoint(bolna.baseUrl() + "/", "sim-key"), json);

    assertThat(simulated.getUser().path("id").asText()).isEqualTo("u-1");
    assertThat(bolna.count("GET /user/me")).isEqualTo(2);
    assertThat(bolna.received().get(0).authorization()).isEqualTo("Bearer sim-key");
  }

  @Test
  void anInterruptedReadStopsAndKeepsTheThreadInterrupted() {
    bolna.on("GET /executions/e-1", Answer.never());
    var retrying = clientFor(bolna.baseUrl(), 3, Duration.ofMillis(1));

    BolnaException failure;
    boolean stillInterrupted;
    Thread.currentThread().interrupt();
    try {
      failure = catchThrowableOfType(BolnaException.class, () -> retrying.getExecution("e-1"));
    } finally {
      stillInterrupted = Thread.interrupted();
    }

    assertThat(failure.kind()).isEqualTo(BolnaException.Kind.TRANSPORT);
    assertThat(failure.getMessage()).startsWith("Interrupted");
    assertThat(stillInterrupted).as("the interrupt is not swallowed").isTrue();
    assertThat(bolna.count("GET /executions/e-1")).isLessThanOrEqualTo(1);
  }
}
