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
import dev.outdial.app.testing.SimulatedCampaigns.Owner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    Owner owner = SimulatedCampaigns.owner(api, jdbc, "owner@outage.test", 2);

    var refusing = bolna.put("/simulator/bolna/outage", null, Map.of("status", 429, "seconds", 4));
    assertThat(refusing.status()).as(refusing.body()).isEqualTo(200);
    List<String> numbers = SimulatedCampaigns.numbers(8200, CONTACTS);
    String campaignId = SimulatedCampaigns.startCampaign(api, bolna, owner.token(), numbers, 20);

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

    SimulatedCampaigns.awaitCompleted(api, owner, campaignId, Duration.ofSeconds(120));

    SimulatedCampaigns.everyNumberDialedOnce(bolna, numbers);
    assertThat(stats(bolna).path("max_active").asInt()).isLessThanOrEqualTo(2);
    SimulatedCampaigns.everyCallCounted(api, owner, campaignId, CONTACTS);
    SimulatedCampaigns.creditsEqualTheLedger(jdbc, owner.id(), 15 - CONTACTS);
  }

  private static JsonNode stats(ApiClient bolna) {
    return bolna.get("/simulator/bolna/stats", null).json();
  }
}
