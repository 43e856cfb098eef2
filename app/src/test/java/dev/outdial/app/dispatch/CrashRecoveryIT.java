package dev.outdial.app.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.app.OutdialApplication;
import dev.outdial.app.simulator.standalone.SimulatorApplication;
import dev.outdial.app.testing.ApiClient;
import dev.outdial.app.testing.AppNodes;
import dev.outdial.app.testing.AppProcess;
import dev.outdial.app.testing.SimulatedCampaigns;
import dev.outdial.app.testing.SimulatedCampaigns.InFlight;
import dev.outdial.app.testing.SimulatedCampaigns.Owner;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app is killed with SIGKILL in the middle of a campaign, with calls in flight at Bolna, and
 * lies dead while they end: Bolna's webhooks find nobody and are retried. Started again on the same
 * Postgres (its embedded Temporal died with it), the app finishes the campaign from its records,
 * takes the webhooks it missed, dials nobody twice and bills every call once.
 */
class CrashRecoveryIT {

  private static final String JWT_SECRET = "crash-test-secret-long-enough-for-hs256";
  private static final int CONTACTS = 7;

  private final AppNodes simulators = new AppNodes();
  private final List<AppProcess> apps = new ArrayList<>();

  @AfterEach
  void stopAll() {
    apps.forEach(AppProcess::close);
    simulators.close();
  }

  private AppProcess app(String name, Map<String, Object> settings, int port) {
    AppProcess app = AppProcess.start(name, OutdialApplication.class.getName(), settings, port);
    apps.add(app);
    return app;
  }

  @Test
  void aCampaignSurvivesAKilledAppAndTheWebhooksItMissed() {
    // An 80-second call lasts 8 s: long beside a dispatch poll, short beside the test.
    // Its webhooks are retried for three minutes, as Bolna's are: longer than the app is down.
    Map<String, Object> simulatorSettings =
        new HashMap<>(SimulatedCampaigns.simulatorSettings("0.1"));
    simulatorSettings.put("outdial.simulator.webhook-retry-max", "3m");
    ConfigurableApplicationContext simulator =
        simulators.start(SimulatorApplication.class, simulatorSettings);
    ApiClient bolna = new ApiClient(AppNodes.port(simulator));
    DataSource database = TestDatabase.freshDatabase();
    JdbcClient jdbc = JdbcClient.create(database);
    Map<String, Object> settings =
        SimulatedCampaigns.nodeSettings(database, AppNodes.port(simulator), JWT_SECRET);
    settings.put("outdial.temporal.embedded-port", "0");
    // Both lives of the app answer on one port, where the agent's webhook URL points.
    int port = AppNodes.freePort();

    AppProcess first = app("crash-first", settings, port);
    ApiClient api = new ApiClient(port);
    Owner owner = SimulatedCampaigns.owner(api, jdbc, "owner@crash.test", 2);
    List<String> numbers = SimulatedCampaigns.numbers(7100, CONTACTS);
    String campaignId = SimulatedCampaigns.startCampaign(api, bolna, owner.token(), numbers, 80);

    List<InFlight> inFlight =
        SimulatedCampaigns.awaitFreshCallsGoingAtBolna(jdbc, bolna, owner.id());
    first.kill();

    // The calls end at Bolna while the app is dead; their final webhooks fail and wait.
    SimulatedCampaigns.awaitEndedAtBolna(bolna, inFlight);
    assertThat(bolna.get("/simulator/bolna/stats", null).json().path("calls_placed").asInt())
        .isLessThan(CONTACTS);
    Instant restartedAt = Instant.now();

    app("crash-second", settings, port);
    SimulatedCampaigns.awaitCompleted(api, owner, campaignId, Duration.ofSeconds(180));

    SimulatedCampaigns.everyNumberDialedOnce(bolna, numbers);
    SimulatedCampaigns.everyCallCounted(api, owner, campaignId, CONTACTS);
    for (InFlight call : inFlight) {
      // Its final webhook came again after the restart, was stored and was processed.
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  jdbc.sql(
                          """
                          SELECT count(*) FROM webhook_events
                          WHERE execution_id = :execution AND status = 'completed'
                            AND received_at > :restartedAt AND processed_at IS NOT NULL
                          """)
                      .param("execution", call.bolnaExecutionId())
                      .param("restartedAt", Timestamp.from(restartedAt))
                      .query(Integer.class)
                      .single(),
              count -> count > 0);
      SimulatedCampaigns.billedOnce(jdbc, call, 2);
    }
    SimulatedCampaigns.creditsEqualTheLedger(jdbc, owner.id(), 15 - 2 * CONTACTS);
  }
}
