package dev.outdial.app.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.app.OutdialApplication;
import dev.outdial.app.simulator.standalone.SimulatorApplication;
import dev.outdial.app.testing.ApiClient;
import dev.outdial.app.testing.AppNodes;
import dev.outdial.app.testing.SimulatedCampaigns;
import dev.outdial.app.testing.SimulatedCampaigns.Owner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Postgres goes away in the middle of a campaign, while calls end at Bolna and their webhooks
 * arrive, and comes back on the same data: the app rides it out without a restart of its own,
 * finishes the campaign, dials nobody twice and bills every call once.
 */
class PostgresRestartIT {

  private static final int CONTACTS = 8;

  private final AppNodes nodes = new AppNodes();
  private EmbeddedPostgres postgres;

  @AfterEach
  void stopAll() throws IOException {
    nodes.close();
    if (postgres != null) {
      postgres.close();
    }
  }

  private static EmbeddedPostgres startPostgres(Path dataDir, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  @Test
  void aCampaignRidesOutARestartOfPostgres() throws IOException {
    Path dataDir = Files.createTempDirectory(Path.of("target"), "restarted-pg-");
    int pgPort = AppNodes.freePort();
    postgres = startPostgres(dataDir, pgPort);
    DataSource database = postgres.getPostgresDatabase();
    TestDatabase.applyChangelog(database);
    JdbcClient jdbc = JdbcClient.create(database);

    // A 40-second call lasts two seconds.
    ConfigurableApplicationContext simulator =
        nodes.start(SimulatorApplication.class, SimulatedCampaigns.simulatorSettings("0.05"));
    ApiClient bolna = new ApiClient(AppNodes.port(simulator));
    Map<String, Object> settings =
        SimulatedCampaigns.nodeSettings(
            database, AppNodes.port(simulator), "pg-restart-secret-long-enough-for-hs256");
    settings.put("spring.datasource.url", "jdbc:postgresql://localhost:" + pgPort + "/postgres");
    settings.put("spring.datasource.username", "postgres");
    settings.put("outdial.temporal.embedded-port", "0");
    // Fail fast while Postgres is away rather than hold requests for 30 s.
    settings.put("spring.datasource.hikari.connection-timeout", "2000");
    ApiClient api = new ApiClient(AppNodes.port(nodes.start(OutdialApplication.class, settings)));

    Owner owner = SimulatedCampaigns.owner(api, jdbc, "owner@pg-restart.test", 2);
    List<String> numbers = SimulatedCampaigns.numbers(8300, CONTACTS);
    String campaignId = SimulatedCampaigns.startCampaign(api, bolna, owner.token(), numbers, 40);

    List<SimulatedCampaigns.InFlight> inFlight =
        SimulatedCampaigns.awaitFreshCallsGoingAtBolna(jdbc, bolna, owner.id());
    postgres.close();
    var away = api.get("/api/campaigns/" + campaignId, owner.token());
    assertThat(away.status()).as(away.body()).isEqualTo(503);
    assertThat(away.header("Retry-After")).isEqualTo("5");
    var webhookAway =
        api.post("/webhooks/bolna?token=nobody-checks-first", null, Map.of("id", "x"));
    assertThat(webhookAway.status()).as(webhookAway.body()).isIn(401, 503);
    // Down while those calls end at Bolna: their webhooks find no database and are retried.
    SimulatedCampaigns.awaitEndedAtBolna(bolna, inFlight);
    postgres = startPostgres(dataDir, pgPort);

    SimulatedCampaigns.awaitCompleted(api, owner, campaignId, Duration.ofSeconds(180));

    SimulatedCampaigns.everyNumberDialedOnce(bolna, numbers);
    SimulatedCampaigns.everyCallCounted(api, owner, campaignId, CONTACTS);
    SimulatedCampaigns.creditsEqualTheLedger(
        JdbcClient.create(postgres.getPostgresDatabase()), owner.id(), 15 - CONTACTS);
  }
}
