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
    return new BolnaClient(
        new BolnaProperties(
            baseUrl,
            "key-123",
            Duration.ofSeconds(2),
            Duration.ofMillis(500),
            4,
            Duration.ofMillis(10)),
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
}
