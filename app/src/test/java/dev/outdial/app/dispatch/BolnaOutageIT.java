package dev.outdial.app.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.app.OutdialApplication;
import dev.outdial.app.simulator.standalone.SimulatorApplication;
import dev.outdial.app.testing.ApiClient;
import dev.outdial.app.testing.AppNodes;
import dev.outdial.app.testing.SimulatedCampaigns;
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
 * Bolna in trouble while a campaign runs: first it refuses every call with 429, then it answers
 * slowly. The platform waits, loses nothing and carries on by itself: every contact is called once
 * and every call is billed once.
 */
class BolnaOutageIT {

  private static final int CONTACTS = 10;

  private final AppNodes nodes = new AppNodes();

  @AfterEach
  void stopAll() {
    nodes.close();
  }

  @Test
  void aCampaignRidesOutBolnaRefusingAndThenSlowingItsCalls() {
    // A 20-second call lasts one second.
    ConfigurableApplicationContext simulator =
        nodes.start(SimulatorApplication.class, SimulatedCampaigns.simulatorSettings("0.05"));
    ApiClient bolna = new ApiClient(AppNodes.port(simulator));
    DataSource database = TestDatabase.freshDatabase();
    JdbcClient jdbc = JdbcClient.create(database);
    Map<String, Object> settings =
        SimulatedCampaigns.nodeSettings(
            database, AppNodes.port(simulator), "outage-test-secret-long-enough-for-hs256");
    settings.put("outdial.temporal.embedded-port", "0");
    ApiClient api = new ApiClient(AppNodes.port(nodes.start(OutdialApplication.class, settings)));

    JsonNode signup =
        api.post(
                "/api/auth/signup",
                null,
                Map.of("email", "owner@outage.test", "name", "Owner", "password", "password-1"))
            .json();
    String token = signup.path("token").asText();
    UUID userId = UUID.fromString(signup.path("user").path("id").asText());
    jdbc.sql("UPDATE users SET concurrent_calls_limit = 2 WHERE id = :id")
        .param("id", userId)
        .update();

    var refusing = bolna.put("/simulator/bolna/outage", null, Map.of("status", 429, "seconds", 4));
    assertThat(refusing.status()).as(refusing.body()).isEqualTo(200);
    List<String> numbers = SimulatedCampaigns.numbers(8200, CONTACTS);
    String campaignId = SimulatedCampaigns.startCampaign(api, bolna, token, numbers, 20);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> stats(bolna).path("outage_refusals").path("429").asInt() > 0);
    // Once Bolna takes calls again, the campaign goes on without anyone's help.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> stats(bolna).path("calls_placed").asInt() > 0);
    var slow =
        bolna.put(
            "/simulator/bolna/outage", null, Map.of("status", 0, "delay_ms", 1500, "seconds", 4));
    assertThat(slow.status()).as(slow.body()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                api.get("/api/campaigns/" + campaignId, token)
                    .json()
                    .path("status")
                    .asText()
                    .equals("completed"));

    JsonNode stats = stats(bolna);
    assertThat(stats.path("calls_placed").asInt()).isEqualTo(CONTACTS);
    for (String number : numbers) {
      assertThat(stats.path("calls_by_number").path(number).asInt()).as(number).isEqualTo(1);
    }
    assertThat(stats.path("max_active").asInt()).isLessThanOrEqualTo(2);
    JsonNode campaign = api.get("/api/campaigns/" + campaignId, token).json();
    assertThat(campaign.path("completed_calls").asInt()).isEqualTo(CONTACTS);
    assertThat(campaign.path("successful_calls").asInt()).isEqualTo(CONTACTS);
    int credits =
        jdbc.sql("SELECT credits FROM users WHERE id = :id")
            .param("id", userId)
            .query(Integer.class)
            .single();
    int ledger =
        jdbc.sql("SELECT sum(amount) FROM credit_transactions WHERE user_id = :id")
            .param("id", userId)
            .query(Integer.class)
            .single();
    assertThat(credits).isEqualTo(15 - CONTACTS).isEqualTo(ledger);
  }

  private static JsonNode stats(ApiClient bolna) {
    return bolna.get("/simulator/bolna/stats", null).json();
  }
}
