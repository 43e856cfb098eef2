package dev.outdial.app.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.outdial.app.testing.ApiTestSupport;
import dev.outdial.app.testing.Recipients;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With no Bolna key the app drives the built-in simulator, which plays calls in (fast) time. */
// Spring Boot's tests switch metrics export off; these scrape /actuator/prometheus.
@AutoConfigureObservability(tracing = false)
class SimulatedCallIT extends ApiTestSupport {

  @DynamicPropertySource
  static void fastSimulator(DynamicPropertyRegistry registry) {
    registry.add("outdial.simulator.ring-seconds", () -> "0.05");
    registry.add("outdial.simulator.post-processing-seconds", () -> "0.05");
    registry.add("outdial.simulator.time-scale", () -> "0.001");
    registry.add("outdial.bolna.webhook.sweep-interval", () -> "200ms");
  }

  @BeforeEach
  void resetSimulator() {
    assertThat(api.post("/simulator/bolna/reset", null, "").status()).isEqualTo(204);
  }

  private String agent(TestUser user) {
    var answer =
        api.post("/api/agents", user.token(), Map.of("name", "Sim agent", "prompt", "Sell"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json().path("id").asText();
  }

  private boolean callEnded(TestUser user, String status) {
    return jdbc.sql("SELECT count(*) FROM calls WHERE user_id = :id AND status = :status")
            .param("id", user.id())
            .param("status", status)
            .query(Integer.class)
            .single()
        == 1;
  }

  @Test
  void aOneOffCallPlaysThroughTheSimulatorAndEndsBilledAndScored() {
    TestUser user = signup("sim");
    String agentId = agent(user);
    String number = Recipients.awake(Clock.systemUTC()).number();
    api.put(
        "/simulator/bolna/numbers/" + number,
        null,
        Map.of(
            "outcome", "completed",
            "talk_seconds", 90,
            "transcript", "assistant: Hi Ada\nuser: Yes, book a demo for tomorrow please"));

    var started =
        api.post(
            "/api/calls",
            user.token(),
            Map.of("agent_id", agentId, "phone_number", number, "name", "Ada"));
    assertThat(started.status()).isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                callEnded(user, "completed")
                    && jdbc.sql(
                                "SELECT count(*) FROM lead_analytics l JOIN calls c ON c.id = l.call_id"
                                    + " WHERE c.user_id = :id")
                            .param("id", user.id())
                            .query(Integer.class)
                            .single()
                        == 1);
    Map<String, Object> call =
        jdbc.sql("SELECT * FROM calls WHERE user_id = :id")
            .param("id", user.id())
            .query()
            .singleRow();
    assertThat(call)
        .containsEntry("duration_seconds", 90)
        .containsEntry("duration_minutes", 2)
        .containsEntry("credits_used", 2);
    assertThat((String) call.get("recording_url")).startsWith("https://recordings.simulator.test/");
    assertThat(credits(user.id())).isEqualTo(13).isEqualTo(ledgerSum(user.id()));
    JsonNode stats = api.get("/simulator/bolna/stats", null).json();
    assertThat(stats.path("calls_placed").asInt()).isEqualTo(1);
    assertThat(stats.path("calls_by_number").path(number).asInt()).isEqualTo(1);
    assertThat(stats.path("active").asInt()).isZero();
  }

  /** The sum of a metric's samples whose labels contain {@code labels}, from a scrape. */
  private static double sample(String scrape, String metric, String labels) {
    double sum = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
        if (labels.isEmpty() || line.substring(0, line.lastIndexOf(' ')).contains(labels)) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return sum;
  }

  @Test
  void theMetricsMoveWhenACallRuns() {
    TestUser user = signup("simmetrics");
    String agentId = agent(user);
    String number = Recipients.awake(Clock.systemUTC()).number();
    api.put(
        "/simulator/bolna/numbers/" + number,
        null,
        Map.of("outcome", "completed", "talk_seconds", 61));
    String before = api.get("/actuator/prometheus", null).body();

    api.post("/api/calls", user.token(), Map.of("agent_id", agentId, "phone_number", number));
    await().atMost(Duration.ofSeconds(30)).until(() -> callEnded(user, "completed"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String after = api.get("/actuator/prometheus", null).body();
              assertThat(sample(after, "outdial_calls_placed_total", ""))
                  .isGreaterThanOrEqualTo(sample(before, "outdial_calls_placed_total", "") + 1);
              assertThat(sample(after, "outdial_calls_finished_total", "outcome=\"completed\""))
                  .isGreaterThanOrEqualTo(
                      sample(before, "outdial_calls_finished_total", "outcome=\"completed\"") + 1);
              assertThat(sample(after, "outdial_credits_debited_total", ""))
                  .as("61 s cost two credits")
                  .isGreaterThanOrEqualTo(sample(before, "outdial_credits_debited_total", "") + 2);
              assertThat(sample(after, "outdial_allocations_total", "queue=\"one_off\""))
                  .isGreaterThanOrEqualTo(
                      sample(before, "outdial_allocations_total", "queue=\"one_off\"") + 1);
              assertThat(sample(after, "outdial_webhooks_received_total", ""))
                  .isGreaterThan(sample(before, "outdial_webhooks_received_total", ""));
              assertThat(sample(after, "outdial_webhooks_processed_total", "outcome=\"signalled\""))
                  .isGreaterThan(
                      sample(before, "outdial_webhooks_processed_total", "outcome=\"signalled\""));
              assertThat(sample(after, "outdial_webhooks_lag_seconds_count", ""))
                  .isGreaterThan(sample(before, "outdial_webhooks_lag_seconds_count", ""));
              assertThat(after)
                  .contains("outdial_campaigns{status=\"active\"}")
                  .contains("outdial_slots_free{limit=\"platform\"}")
                  .contains("outdial_slots_limit{limit=\"system\"}")
                  .contains("outdial_slots_limit{limit=\"provider\"}")
                  .contains("outdial_users_at_limit");
              assertThat(after)
                  .as("the Temporal SDK's own metrics")
                  .containsPattern("(?m)^temporal_");
              assertThat(after)
                  .as("requests are measured, but not each security filter they pass")
                  .containsPattern(
                      "(?m)^http_server_requests_seconds_count\\{.*uri=\"/webhooks/bolna\"")
                  .doesNotContainPattern("(?m)^spring_security_")
                  .as("log events are not counted: that filters every logging call")
                  .doesNotContainPattern("(?m)^logback_events");
            });
  }

  @Test
  void aBusyNumberEndsFailedAndUnbilled() {
    TestUser user = signup("simbusy");
    String agentId = agent(user);
    String number = Recipients.awake(Clock.systemUTC()).number();
    api.put("/simulator/bolna/numbers/" + number, null, Map.of("outcome", "busy"));

    api.post("/api/calls", user.token(), Map.of("agent_id", agentId, "phone_number", number));

    await().atMost(Duration.ofSeconds(30)).until(() -> callEnded(user, "failed"));
    assertThat(credits(user.id())).isEqualTo(15);
  }

  @Test
  void theSimulatorSpeaksBolnasApiWithItsQuirks() throws Exception {
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    AtomicInteger failuresLeft = new AtomicInteger(2);
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          boolean fail = body.contains("\"ringing\"") && failuresLeft.getAndDecrement() > 0;
          if (!fail) {
            received.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(body));
          }
          exchange.sendResponseHeaders(fail ? 500 : 200, -1);
          exchange.close();
        });
    receiver.start();
    try {
      var noKey = api.post("/simulator/bolna/v2/agent", null, Map.of("agent_config", Map.of()));
      assertThat(noKey.status()).isEqualTo(401);
      assertThat(noKey.json().path("detail").asText()).isNotBlank();

      String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      var created =
          api.send(
              "POST",
              "/simulator/bolna/v2/agent",
              null,
              Map.of(
                  "agent_config",
                  Map.of("agent_name", "A", "webhook_url", hook),
                  "agent_prompts",
                  Map.of()),
              Map.of("Authorization", "Bearer k"));
      String agentId = created.json().path("agent_id").asText();
      assertThat(created.json().path("state").asText()).isEqualTo("created");
      api.put(
          "/simulator/bolna/numbers/+14155550123",
          null,
          Map.of("outcome", "completed", "talk_seconds", 42));
      api.put("/simulator/bolna/numbers/+14155550124", null, Map.of("outcome", "reject"));

      var zulu =
          api.send(
              "POST",
              "/simulator/bolna/call",
              null,
              Map.of(
                  "agent_id",
                  agentId,
                  "recipient_phone_number",
                  "+14155550123",
                  "scheduled_at",
                  "2026-01-01T10:00:00Z"),
              Map.of("Authorization", "Bearer k"));
      var rejected =
          api.send(
              "POST",
              "/simulator/bolna/call",
              null,
              Map.of("agent_id", agentId, "recipient_phone_number", "+14155550124"),
              Map.of("Authorization", "Bearer k"));
      var placed =
          api.send(
              "POST",
              "/simulator/bolna/call",
              null,
              Map.of(
                  "agent_id",
                  agentId,
                  "recipient_phone_number",
                  "+14155550123",
                  "user_data",
                  Map.of("outdial_attempt_key", "k-1")),
              Map.of("Authorization", "Bearer k"));

      assertThat(zulu.status()).isEqualTo(500);
      assertThat(rejected.status()).isEqualTo(400);
      assertThat(placed.json().path("status").asText()).isEqualTo("queued");
      String executionId = placed.json().path("execution_id").asText();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> received.stream().anyMatch(p -> p.path("status").asText().equals("completed")));
      await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 5);
      assertThat(received.stream().map(p -> p.path("status").asText()).distinct())
          .containsExactlyInAnyOrder(
              "initiated", "ringing", "in-progress", "call-disconnected", "completed");
      JsonNode completed =
          received.stream()
              .filter(p -> p.path("status").asText().equals("completed"))
              .findFirst()
              .orElseThrow();
      assertThat(completed.at("/telephony_data/duration").isTextual()).isTrue();
      assertThat(completed.at("/telephony_data/duration").asText()).isEqualTo("42");
      assertThat(completed.path("created_at").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
      assertThat(completed.at("/context_details/recipient_data/outdial_attempt_key").asText())
          .isEqualTo("k-1");
      assertThat(completed.at("/telephony_data/recording_url").asText()).startsWith("https://");

      var listed =
          api.send(
              "GET",
              "/simulator/bolna/v2/agent/" + agentId + "/executions?page_number=1&page_size=50",
              null,
              null,
              Map.of("Authorization", "Bearer k"));
      var tooBig =
          api.send(
              "GET",
              "/simulator/bolna/v2/agent/" + agentId + "/executions?page_size=51",
              null,
              null,
              Map.of("Authorization", "Bearer k"));
      assertThat(listed.json().path("data").get(0).path("id").asText()).isEqualTo(executionId);
      assertThat(tooBig.status()).isEqualTo(400);
      assertThat(
              api.send(
                      "GET",
                      "/simulator/bolna/executions/" + executionId,
                      null,
                      null,
                      Map.of("Authorization", "Bearer k"))
                  .json()
                  .path("status")
                  .asText())
          .isEqualTo("completed");
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void statsCountConcurrentCallsExactly() {
    var created =
        api.send(
            "POST",
            "/simulator/bolna/v2/agent",
            null,
            Map.of("agent_config", Map.of("agent_name", "B"), "agent_prompts", Map.of()),
            Map.of("Authorization", "Bearer k"));
    String agentId = created.json().path("agent_id").asText();
    for (int i = 0; i < 5; i++) {
      api.put(
          "/simulator/bolna/numbers/+1415555030" + i,
          null,
          Map.of("outcome", "completed", "talk_seconds", 2000));
      api.send(
          "POST",
          "/simulator/bolna/call",
          null,
          Map.of("agent_id", agentId, "recipient_phone_number", "+1415555030" + i),
          Map.of("Authorization", "Bearer k"));
    }

    JsonNode stats = api.get("/simulator/bolna/stats", null).json();
    assertThat(stats.path("calls_placed").asInt()).isEqualTo(5);
    assertThat(stats.path("max_active").asInt()).isEqualTo(5);
    assertThat(stats.path("max_active_by_agent").path(agentId).asInt()).isEqualTo(5);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api.get("/simulator/bolna/stats", null).json().path("active").asInt() == 0);
  }

  @Test
  void anotherApiKeySeesNoneOfTheAppsAgentsOrCalls() {
    TestUser user = signup("simkeys");
    String agentId = agent(user);
    String bolnaAgentId =
        jdbc.sql("SELECT bolna_agent_id FROM agents WHERE id = CAST(:id AS uuid)")
            .param("id", agentId)
            .query(String.class)
            .single();
    Map<String, String> guess = Map.of("Authorization", "Bearer any-guessed-key");

    var all = api.send("GET", "/simulator/bolna/v2/agent/all", null, null, guess);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().isArray()).isTrue();
    assertThat(all.json()).isEmpty();
    assertThat(all.body()).doesNotContain(bolnaAgentId).doesNotContain("token=");
    assertThat(
            api.send("GET", "/simulator/bolna/v2/agent/" + bolnaAgentId, null, null, guess)
                .status())
        .isEqualTo(404);
    assertThat(
            api.send(
                    "PATCH",
                    "/simulator/bolna/v2/agent/" + bolnaAgentId,
                    null,
                    Map.of("agent_config", Map.of("webhook_url", "http://127.0.0.1:1/steal")),
                    guess)
                .status())
        .isEqualTo(404);
    var call =
        api.send(
            "POST",
            "/simulator/bolna/call",
            null,
            Map.of("agent_id", bolnaAgentId, "recipient_phone_number", "+14155550999"),
            guess);
    assertThat(call.status()).isEqualTo(400);
    assertThat(
            api.send("DELETE", "/simulator/bolna/v2/agent/" + bolnaAgentId, null, null, guess)
                .status())
        .isEqualTo(404);
    assertThat(api.get("/simulator/bolna/stats", null).json().path("calls_placed").asInt())
        .isZero();
    // The app's own key still reaches its agent at the simulator.
    var renamed = api.patch("/api/agents/" + agentId, user.token(), Map.of("name", "Renamed"));
    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
  }

  @Test
  void oneOffCallsOverTheUsersLimitWaitForASlotAndEachIsDialedOnce() {
    TestUser user = signup("simlimit");
    String agentId = agent(user);
    String bolnaAgentId =
        jdbc.sql("SELECT bolna_agent_id FROM agents WHERE id = CAST(:id AS uuid)")
            .param("id", agentId)
            .query(String.class)
            .single();
    var topUp =
        api.post(
            "/api/admin/users/" + user.id() + "/credits",
            superAdminToken(),
            Map.of("amount", 100, "description", "calls for the test"));
    assertThat(topUp.status()).as(topUp.body()).isEqualTo(200);
    List<String> numbers = Recipients.awakeNumbers(Clock.systemUTC(), 6);
    for (String number : numbers) {
      // Ten minutes of talk, played in 0.6 s: long enough for two calls to overlap.
      api.put(
          "/simulator/bolna/numbers/" + number,
          null,
          Map.of("outcome", "completed", "talk_seconds", 600));
    }

    List<String> statuses = new java.util.ArrayList<>();
    for (String number : numbers) {
      var answer =
          api.post("/api/calls", user.token(), Map.of("agent_id", agentId, "phone_number", number));
      assertThat(answer.status()).as(answer.body()).isEqualTo(202);
      statuses.add(answer.json().path("status").asText());
      assertThat(answer.json().path("scheduled_for").asText()).isNotBlank();
    }

    assertThat(statuses).containsOnly("queued");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                jdbc.sql("SELECT count(*) FROM calls WHERE user_id = :id AND status = 'completed'")
                        .param("id", user.id())
                        .query(Integer.class)
                        .single()
                    == 6);
    JsonNode stats = api.get("/simulator/bolna/stats", null).json();
    // The provider's own view: never more than the user's limit of 2 at once, each number once.
    assertThat(stats.path("max_active_by_agent").path(bolnaAgentId).asInt()).isEqualTo(2);
    for (String number : numbers) {
      assertThat(stats.path("calls_by_number").path(number).asInt()).as(number).isEqualTo(1);
    }
    // Billing follows each call's end.
    await().atMost(Duration.ofSeconds(20)).until(() -> credits(user.id()) == 115 - 6 * 10);
    assertThat(ledgerSum(user.id())).isEqualTo(115 - 6 * 10);
  }

  @Test
  void aOneOffCallAskedForDuringTheRecipientsQuietHoursIsScheduledForTheirEnd() {
    TestUser user = signup("simquiet");
    String agentId = agent(user);
    Recipients.Recipient asleep = Recipients.asleep(Clock.systemUTC());

    var answer =
        api.post(
            "/api/calls",
            user.token(),
            Map.of("agent_id", agentId, "phone_number", asleep.number()));

    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    assertThat(answer.json().path("status").asText()).isEqualTo("queued");
    java.time.Instant scheduledFor =
        java.time.Instant.parse(answer.json().path("scheduled_for").asText());
    java.time.ZonedDateTime local = scheduledFor.atZone(asleep.zone());
    assertThat(local.toLocalTime()).isEqualTo(java.time.LocalTime.of(8, 0));
    assertThat(scheduledFor).isAfter(java.time.Instant.now());
    assertThat(answer.json().path("note").asText())
        .contains("quiet hours")
        .contains(asleep.zone().getId());
    // Nothing is dialed meanwhile, however often the dispatcher looks.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> api.get("/simulator/bolna/stats", null).json().path("calls_placed").asInt() == 0);
    var again =
        api.send(
            "POST",
            "/api/calls",
            user.token(),
            Map.of("agent_id", agentId, "phone_number", asleep.number()),
            Map.of("Idempotency-Key", "once"));
    var repeat =
        api.send(
            "POST",
            "/api/calls",
            user.token(),
            Map.of("agent_id", agentId, "phone_number", asleep.number()),
            Map.of("Idempotency-Key", "once"));
    assertThat(repeat.json().path("workflow_id").asText())
        .isEqualTo(again.json().path("workflow_id").asText());
    assertThat(
            jdbc.sql("SELECT count(*) FROM call_requests WHERE user_id = :id")
                .param("id", user.id())
                .query(Integer.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void aCallBolnaAcceptsAndThenAnswers500ForIsFoundNotDialedAgain() {
    TestUser user = signup("sim500");
    String agentId = agent(user);
    String number = Recipients.awake(Clock.systemUTC()).number();
    var control =
        api.put(
            "/simulator/bolna/numbers/" + number,
            null,
            Map.of("outcome", "completed", "talk_seconds", 30, "answer_status", 500));
    assertThat(control.status()).as(control.body()).isEqualTo(200);

    var started =
        api.post("/api/calls", user.token(), Map.of("agent_id", agentId, "phone_number", number));

    assertThat(started.status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(60)).until(() -> callEnded(user, "completed"));
    JsonNode stats = api.get("/simulator/bolna/stats", null).json();
    assertThat(stats.path("calls_by_number").path(number).asInt()).isEqualTo(1);
    assertThat(stats.path("calls_placed").asInt()).isEqualTo(1);
  }
}
