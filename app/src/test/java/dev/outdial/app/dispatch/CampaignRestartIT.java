package dev.outdial.app.dispatch;

import static dev.outdial.app.testing.AppNodes.freePort;
import static dev.outdial.app.testing.AppNodes.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.app.OutdialApplication;
import dev.outdial.app.simulator.standalone.SimulatorApplication;
import dev.outdial.app.testing.ApiClient;
import dev.outdial.app.testing.AppNodes;
import dev.outdial.app.testing.SimulatedCampaigns;
import dev.outdial.app.testing.SimulatedCampaigns.InFlight;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole app is stopped in the middle of a campaign, with calls in flight at Bolna, and started
 * again on the same Postgres. The embedded Temporal server keeps its state in memory, so the second
 * app starts with no workflow at all and must rebuild them from Postgres. Bolna is the simulator
 * running as a process of its own, so the calls in flight live on through the restart.
 */
class CampaignRestartIT {

  private static final String JWT_SECRET = "restart-test-secret-long-enough-for-hs256";
  private static final String ADMIN = "root@restart.test";
  private static final String ADMIN_PASSWORD = "root-password-1";
  private static final int CONTACTS = 7;

  private final AppNodes nodes = new AppNodes();

  @AfterEach
  void stopAll() {
    nodes.close();
  }

  @Test
  void aCampaignInterruptedByARestartFinishesAndNobodyIsDialedTwice() {
    // An 80-second call lasts 8 s, long beside a dispatch poll (300 ms): the two calls a round
    // gives the user are surely in flight together.
    ConfigurableApplicationContext simulator =
        nodes.start(SimulatorApplication.class, SimulatedCampaigns.simulatorSettings("0.1"));
    ApiClient bolna = new ApiClient(port(simulator));
    DataSource dataSource = TestDatabase.freshDatabase();
    Map<String, Object> settings =
        SimulatedCampaigns.nodeSettings(dataSource, port(simulator), JWT_SECRET);
    // Both runs of the app answer on the same port, so the agent's webhook URL stays right.
    settings.put("server.port", String.valueOf(freePort()));
    settings.put("outdial.temporal.embedded-port", "0");
    settings.put("outdial.bootstrap.super-admin.email", ADMIN);
    settings.put("outdial.bootstrap.super-admin.password", ADMIN_PASSWORD);

    ConfigurableApplicationContext first = nodes.start(OutdialApplication.class, settings);
    ApiClient api = new ApiClient(port(first));
    String admin =
        api.post("/api/auth/login", null, Map.of("email", ADMIN, "password", ADMIN_PASSWORD))
            .json()
            .path("token")
            .asText();
    JsonNode signup =
        api.post(
                "/api/auth/signup",
                null,
                Map.of("email", "owner@restart.test", "name", "Owner", "password", "password-1"))
            .json();
    String token = signup.path("token").asText();
    UUID userId = UUID.fromString(signup.path("user").path("id").asText());
    api.patch("/api/admin/users/" + userId, admin, Map.of("concurrent_calls_limit", 2));
    List<String> numbers = SimulatedCampaigns.numbers(5000, CONTACTS);
    String campaignId = SimulatedCampaigns.startCampaign(api, bolna, token, numbers, 80);

    // Stop the app once a call is done and a call placed since is going at Bolna. Placed less
    // than two seconds ago, that call has six of its eight seconds left: the workers stop polling
    // at the start of the shutdown, long before it ends, so this app cannot finish it.
    JdbcClient jdbc = JdbcClient.create(dataSource);
    List<InFlight> inFlight = SimulatedCampaigns.awaitFreshCallsGoingAtBolna(jdbc, bolna, userId);
    nodes.stop(first);
    JsonNode atRestart = bolna.get("/simulator/bolna/stats", null).json();
    assertThat(atRestart.path("calls_placed").asInt()).isLessThan(CONTACTS);
    // The app stopped with those calls placed and not ended in its records.
    for (InFlight call : inFlight) {
      assertThat(
              jdbc.sql("SELECT status FROM calls WHERE id = :id")
                  .param("id", call.id())
                  .query(String.class)
                  .single())
          .as(call.bolnaExecutionId())
          .isEqualTo("in_progress");
    }

    ConfigurableApplicationContext second = nodes.start(OutdialApplication.class, settings);
    ApiClient again = new ApiClient(port(second));
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                again
                    .get("/api/campaigns/" + campaignId, token)
                    .json()
                    .path("status")
                    .asText()
                    .equals("completed"));

    JsonNode stats = bolna.get("/simulator/bolna/stats", null).json();
    assertThat(stats.path("calls_placed").asInt()).isEqualTo(CONTACTS);
    for (String number : numbers) {
      assertThat(stats.path("calls_by_number").path(number).asInt()).as(number).isEqualTo(1);
    }
    assertThat(stats.path("max_active_by_agent").elements().next().asInt()).isEqualTo(2);
    JsonNode campaign = again.get("/api/campaigns/" + campaignId, token).json();
    assertThat(campaign.path("completed_calls").asInt()).isEqualTo(CONTACTS);
    assertThat(campaign.path("successful_calls").asInt()).isEqualTo(CONTACTS);
    // The calls in flight at the stop were finished by the second app, once each, and billed once.
    for (InFlight call : inFlight) {
      assertThat(
              jdbc.sql("SELECT status FROM calls WHERE bolna_execution_id = :execution")
                  .param("execution", call.bolnaExecutionId())
                  .query(String.class)
                  .list())
          .as(call.bolnaExecutionId())
          .containsExactly("completed");
      assertThat(
              jdbc.sql("SELECT amount FROM credit_transactions WHERE call_id = :id")
                  .param("id", call.id())
                  .query(Integer.class)
                  .list())
          .as(call.bolnaExecutionId())
          .containsExactly(-2);
    }
    // Each 80-second call cost two credits, once, whichever app finished it.
    SimulatedCampaigns.creditsEqualTheLedger(jdbc, userId, 15 - 2 * CONTACTS);
  }
}
