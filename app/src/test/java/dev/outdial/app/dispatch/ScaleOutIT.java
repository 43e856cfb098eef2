package dev.outdial.app.dispatch;

import static dev.outdial.app.testing.AppNodes.freePort;
import static dev.outdial.app.testing.AppNodes.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.app.OutdialApplication;
import dev.outdial.app.simulator.standalone.SimulatorApplication;
import dev.outdial.app.testing.ApiClient;
import dev.outdial.app.testing.AppNodes;
import dev.outdial.app.testing.AppProcess;
import dev.outdial.app.testing.SimulatedCampaigns;
import dev.outdial.app.testing.TemporalDevServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The scaled-out shape, each node a process of its own: an API-only node, worker-only nodes, one
 * Postgres, one Temporal, and the simulator as Bolna. They run campaigns together; a worker sent
 * SIGTERM in the middle of one leaves its work to another.
 */
class ScaleOutIT {

  private static final String JWT_SECRET = "scale-out-test-secret-long-enough-for-hs256";
  private static final int CONTACTS = 6;

  private final AppNodes simulators = new AppNodes();
  private final List<AppProcess> nodes = new ArrayList<>();
  private ApiClient bolna;
  private DataSource database;
  private Map<String, Object> settings;
  private AppProcess apiNode;
  private String temporalTarget;
  private ApiClient api;
  private TemporalDevServer temporal;

  @BeforeEach
  void startSimulator() {
    // A 40-second call lasts 4 s: long beside a dispatch poll (300 ms).
    ConfigurableApplicationContext simulator =
        simulators.start(SimulatorApplication.class, SimulatedCampaigns.simulatorSettings("0.1"));
    bolna = new ApiClient(port(simulator));
    database = TestDatabase.freshDatabase();
    settings = SimulatedCampaigns.nodeSettings(database, port(simulator), JWT_SECRET);
  }

  /**
   * The API-only node, hosting the embedded Temporal test server on a port for the workers, and
   * logging JSON as the compose shape does.
   */
  private void apiNodeWithEmbeddedTemporal() {
    int port = freePort();
    Map<String, Object> node = new LinkedHashMap<>(settings);
    node.put("outdial.temporal.embedded-port", port);
    node.put("outdial.worker.enabled", "false");
    node.put("logging.structured.format.console", "ecs");
    startApiNode(node);
    temporalTarget = "127.0.0.1:" + port;
  }

  /** The API-only node on a real Temporal server, which every node shares. */
  private void apiNodeOnARealTemporal() {
    temporal = TemporalDevServer.startOrSkip();
    temporalTarget = temporal.target();
    Map<String, Object> node = new LinkedHashMap<>(settings);
    node.put("outdial.temporal.target", temporalTarget);
    node.put("outdial.worker.enabled", "false");
    startApiNode(node);
  }

  private void startApiNode(Map<String, Object> node) {
    apiNode = node("api", node);
    api = new ApiClient(apiNode.port());
  }

  @AfterEach
  void stopAll() {
    nodes.forEach(AppProcess::close);
    simulators.close();
    if (temporal != null) {
      temporal.close();
    }
  }

  private AppProcess node(String name, Map<String, Object> nodeSettings) {
    AppProcess node = AppProcess.start(name, OutdialApplication.class.getName(), nodeSettings);
    nodes.add(node);
    return node;
  }

  private AppProcess workerNode(String name) {
    Map<String, Object> worker = new LinkedHashMap<>(settings);
    worker.put("outdial.api.enabled", "false");
    worker.put("outdial.temporal.target", temporalTarget);
    return node(name, worker);
  }

  private record Campaign(String id, String token, UUID userId, List<String> numbers) {}

  /** A user whose campaign calls {@link #CONTACTS} numbers, two at a time, started. */
  private Campaign startedCampaign() {
    JsonNode signup =
        api.post(
                "/api/auth/signup",
                null,
                Map.of(
                    "email", "owner-" + UUID.randomUUID() + "@scale.test",
                    "name", "Owner",
                    "password", "password-1"))
            .json();
    String token = signup.path("token").asText();
    UUID userId = UUID.fromString(signup.path("user").path("id").asText());
    JdbcClient.create(database)
        .sql("UPDATE users SET concurrent_calls_limit = 2 WHERE id = :id")
        .param("id", userId)
        .update();
    List<String> numbers = SimulatedCampaigns.numbers(6100, CONTACTS);
    String id = SimulatedCampaigns.startCampaign(api, bolna, token, numbers, 40);
    return new Campaign(id, token, userId, numbers);
  }

  private void completes(Campaign campaign) {
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                api.get("/api/campaigns/" + campaign.id(), campaign.token())
                    .json()
                    .path("status")
                    .asText()
                    .equals("completed"));
  }

  private void everyNumberDialedOnceAndCreditsEqualTheLedger(Campaign campaign) {
    SimulatedCampaigns.everyNumberDialedOnce(bolna, campaign.numbers());
    SimulatedCampaigns.creditsEqualTheLedger(
        JdbcClient.create(database), campaign.userId(), 15 - CONTACTS);
  }

  @Test
  void anApiNodeAndAWorkerNodeRunACampaignTogether() {
    apiNodeWithEmbeddedTemporal();
    AppProcess worker = workerNode("worker");
    ApiClient workerHttp = new ApiClient(worker.port());

    Campaign campaign = startedCampaign();
    completes(campaign);

    everyNumberDialedOnceAndCreditsEqualTheLedger(campaign);
    assertThat(apiNode.output())
        .contains("This node serves the API and the console only")
        .contains("Temporal workers disabled")
        .doesNotContain("Placed call-");
    assertThat(worker.output())
        .contains("This node serves the workers only")
        .contains("Temporal workers polling task queues")
        .contains("Placed call-");
    var refused = workerHttp.get("/api/campaigns/" + campaign.id(), campaign.token());
    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.json().path("detail").asText()).contains("OUTDIAL_API_ENABLED=false");
    assertThat(workerHttp.get("/actuator/health", null).status()).isEqualTo(200);
    // Its log lines are JSON objects, and those of a request name the user who made it.
    List<JsonNode> lines = jsonLines(apiNode.output());
    assertThat(lines).isNotEmpty();
    assertThat(lines)
        .filteredOn(line -> line.path("message").asText().contains("Campaign " + campaign.id()))
        .filteredOn(line -> line.path("message").asText().contains("-> "))
        .isNotEmpty()
        .allSatisfy(
            line ->
                assertThat(line.path("user_id").asText()).isEqualTo(campaign.userId().toString()));
  }

  private static List<JsonNode> jsonLines(String output) {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : output.split("\\R")) {
      if (line.startsWith("{")) {
        try {
          lines.add(json.readTree(line));
        } catch (IOException e) {
          throw new UncheckedIOException("A log line that is not JSON: " + line, e);
        }
      }
    }
    return lines;
  }

  @Test
  void aWorkerSentSigtermInTheMiddleOfACampaignLeavesItsWorkToTheOther() {
    // The embedded test server loses a task it was handing to a node that stops at that moment;
    // a real server gives it to another node.
    apiNodeOnARealTemporal();
    AppProcess stopping = workerNode("worker-a");
    AppProcess staying = workerNode("worker-b");
    Campaign campaign = startedCampaign();
    JdbcClient jdbc = JdbcClient.create(database);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                jdbc.sql(
                            "SELECT count(*) FROM calls WHERE user_id = :id AND status = 'in_progress'")
                        .param("id", campaign.userId())
                        .query(Integer.class)
                        .single()
                    > 0);

    int exit = stopping.terminate();
    int placedAtStop =
        bolna.get("/simulator/bolna/stats", null).json().path("calls_placed").asInt();

    assertThat(exit).as("SIGTERM ends the JVM through its shutdown").isEqualTo(143);
    assertThat(stopping.output())
        .contains("Stopping the Temporal workers: no new tasks are taken")
        .containsPattern("Temporal workers (stopped|still had tasks)");
    assertThat(placedAtStop).as("the campaign was in the middle").isLessThan(CONTACTS);
    completes(campaign);
    everyNumberDialedOnceAndCreditsEqualTheLedger(campaign);
    assertThat(staying.output()).contains("Placed call-");
  }
}
