package dev.outdial.app.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.app.OutdialApplication;
import dev.outdial.app.simulator.standalone.SimulatorApplication;
import dev.outdial.app.testing.ApiClient;
import dev.outdial.app.testing.AppNodes;
import dev.outdial.app.testing.SimulatedCampaigns;
import dev.outdial.app.testing.SimulatedCampaigns.InFlight;
import dev.outdial.app.testing.SimulatedCampaigns.Owner;
import dev.outdial.app.testing.TemporalDevServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Temporal server stops answering in the middle of a campaign (its process is frozen, so every
 * call to it hangs until its deadline) while calls end at Bolna. The app keeps their webhooks in
 * its inbox and fails to hand them on, without losing them; once Temporal answers again, the
 * campaign completes by itself, with nobody dialed twice and every call billed once. Runs on the
 * Temporal CLI's development server (skipped without it, required under CI=true).
 */
class TemporalOutageIT {

  private static final int CONTACTS = 8;

  private final AppNodes nodes = new AppNodes();
  private TemporalDevServer temporal;

  @AfterEach
  void stopAll() {
    nodes.close();
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void aCampaignRidesOutTemporalNotAnswering() {
    temporal = TemporalDevServer.startOrSkip();
    // A 40-second call lasts two seconds.
    ConfigurableApplicationContext simulator =
        nodes.start(SimulatorApplication.class, SimulatedCampaigns.simulatorSettings("0.05"));
    ApiClient bolna = new ApiClient(AppNodes.port(simulator));
    DataSource database = TestDatabase.freshDatabase();
    JdbcClient jdbc = JdbcClient.create(database);
    Map<String, Object> settings =
        SimulatedCampaigns.nodeSettings(
            database, AppNodes.port(simulator), "temporal-outage-secret-long-enough-hs256");
    settings.put("outdial.temporal.target", temporal.target());
    ApiClient api = new ApiClient(AppNodes.port(nodes.start(OutdialApplication.class, settings)));

    Owner owner = SimulatedCampaigns.owner(api, jdbc, "owner@temporal-outage.test", 2);
    List<String> numbers = SimulatedCampaigns.numbers(8400, CONTACTS);
    String campaignId = SimulatedCampaigns.startCampaign(api, bolna, owner.token(), numbers, 40);

    List<InFlight> inFlight =
        SimulatedCampaigns.awaitFreshCallsGoingAtBolna(jdbc, bolna, owner.id());
    temporal.freeze();
    try {
      // Thirty seconds without Temporal, during which the calls end: their final webhooks are
      // stored and wait, unprocessed, in the inbox.
      List<String> executions = inFlight.stream().map(InFlight::bolnaExecutionId).toList();
      await()
          .pollDelay(Duration.ofSeconds(30))
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  jdbc.sql(
                          """
                          SELECT count(DISTINCT execution_id) FROM webhook_events
                          WHERE execution_id IN (:executions) AND status = 'completed'
                            AND processed_at IS NULL
                          """)
                      .param("executions", executions)
                      .query(Integer.class)
                      .single(),
              count -> count == executions.size());
      var read = api.get("/api/campaigns/" + campaignId, owner.token());
      assertThat(read.status()).as("the API still reads from Postgres").isLessThan(500);
    } finally {
      temporal.thaw();
    }

    SimulatedCampaigns.awaitCompleted(api, owner, campaignId, Duration.ofSeconds(180));

    SimulatedCampaigns.everyNumberDialedOnce(bolna, numbers);
    for (InFlight call : inFlight) {
      SimulatedCampaigns.billedOnce(jdbc, call, 1);
    }
    SimulatedCampaigns.creditsEqualTheLedger(jdbc, owner.id(), 15 - CONTACTS);
  }
}
