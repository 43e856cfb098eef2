package dev.outdial.app.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.activities.testing.TestDatabase;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Campaigns run by whole app nodes against the standalone simulator: the settings such a node
 * needs, and an all-day campaign over numbers the simulator answers.
 */
public final class SimulatedCampaigns {

  private SimulatedCampaigns() {}

  /**
   * A node on this Postgres with the simulator at {@code simulatorPort} as Bolna, quiet hours off
   * and every loop fast enough for a test.
   */
  public static Map<String, Object> nodeSettings(
      DataSource database, int simulatorPort, String jwtSecret) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("spring.datasource.url", TestDatabase.jdbcUrl(database));
    settings.put("spring.datasource.username", TestDatabase.username());
    settings.put(
        "outdial.bolna.base-url", "http://127.0.0.1:" + simulatorPort + "/simulator/bolna");
    settings.put("outdial.bolna.api-key", "simulated-key");
    settings.put("outdial.jwt.secret", jwtSecret);
    settings.put("outdial.quiet-hours", "off");
    settings.put("outdial.dispatch.poll-interval", "300ms");
    settings.put("outdial.dispatch.ensure-interval", "1s");
    settings.put("outdial.campaign.poll-interval", "1s");
    settings.put("outdial.bolna.webhook.sweep-interval", "200ms");
    settings.put("outdial.calls.no-news-timeout", "10s");
    // In memory, so a restarted node finds Temporal's state lost and rebuilds it from Postgres;
    // the development server's own tier is EmbeddedDevServerIT.
    settings.put("outdial.temporal.embedded", "test-server");
    return settings;
  }

  /** The standalone simulator, playing a call of N seconds in N × timeScale seconds. */
  public static Map<String, Object> simulatorSettings(String timeScale) {
    return Map.of(
        "server.port", "0",
        "outdial.simulator.ring-seconds", "0.2",
        "outdial.simulator.post-processing-seconds", "0.1",
        "outdial.simulator.time-scale", timeScale,
        "outdial.simulator.webhook-retry-max", "1m");
  }

  /**
   * Creates an agent, a contact for each number (the simulator answers each and talks for {@code
   * talkSeconds}) and a campaign open all day, and starts it; answers the campaign's id.
   */
  public static String startCampaign(
      ApiClient api, ApiClient bolna, String token, List<String> numbers, int talkSeconds) {
    String agentId =
        api.post("/api/agents", token, Map.of("name", "Simulated", "prompt", "Sell"))
            .json()
            .path("id")
            .asText();
    for (int i = 0; i < numbers.size(); i++) {
      bolna.put(
          "/simulator/bolna/numbers/" + numbers.get(i),
          null,
          Map.of("outcome", "completed", "talk_seconds", talkSeconds));
      api.post(
          "/api/contacts", token, Map.of("name", "Contact " + i, "phone_number", numbers.get(i)));
    }
    var created =
        api.post(
            "/api/campaigns",
            token,
            Map.of(
                "name", "All day",
                "agent_id", agentId,
                "next_action", "Book a demo",
                "first_call_time", "00:00",
                "last_call_time", "23:59",
                "start_date", LocalDate.now(ZoneId.of("UTC")).minusDays(1).toString(),
                "timezone", "UTC"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String campaignId = created.json().path("id").asText();
    var started = api.post("/api/campaigns/" + campaignId + "/start", token, "");
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    return campaignId;
  }

  /** Bolna's statuses of a call still going (not ended, nor hung up and being processed). */
  private static final Set<String> LIVE = Set.of("queued", "initiated", "ringing", "in-progress");

  /** A call Outdial placed and had not seen end. */
  public record InFlight(UUID id, String bolnaExecutionId) {}

  /**
   * Calls placed in the last two seconds, not ended in Outdial's records and still going at Bolna,
   * once some call of the user has finished; none before.
   */
  public static List<InFlight> freshCallsGoingAtBolna(
      JdbcClient jdbc, ApiClient bolna, UUID userId) {
    return jdbc
        .sql(
            """
            SELECT id, bolna_execution_id FROM calls
            WHERE user_id = :id AND status = 'in_progress'
              AND created_at > now() - interval '2 seconds'
              AND EXISTS (SELECT 1 FROM calls WHERE user_id = :id AND status = 'completed')
            """)
        .param("id", userId)
        .query(InFlight.class)
        .list()
        .stream()
        .filter(call -> LIVE.contains(bolnaStatus(bolna, call.bolnaExecutionId())))
        .toList();
  }

  /** Waits (up to a minute) for {@link #freshCallsGoingAtBolna} to find some, and answers them. */
  public static List<InFlight> awaitFreshCallsGoingAtBolna(
      JdbcClient jdbc, ApiClient bolna, UUID userId) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> freshCallsGoingAtBolna(jdbc, bolna, userId), calls -> !calls.isEmpty());
  }

  /** Waits until each of the calls has ended at Bolna. */
  public static void awaitEndedAtBolna(ApiClient bolna, List<InFlight> calls) {
    for (InFlight call : calls) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> bolnaStatus(bolna, call.bolnaExecutionId()).equals("completed"));
    }
  }

  /** The status the simulator gives an execution now. */
  public static String bolnaStatus(ApiClient bolna, String executionId) {
    return bolna
        .get("/simulator/bolna/executions/" + executionId, "simulated-key")
        .json()
        .path("status")
        .asText();
  }

  /** An account that runs a campaign: its token and id. */
  public record Owner(String token, UUID id) {}

  /** Signs up a new account and sets its concurrent-call limit. */
  public static Owner owner(ApiClient api, JdbcClient jdbc, String email, int concurrentCalls) {
    var signup =
        api.post(
            "/api/auth/signup",
            null,
            Map.of("email", email, "name", "Owner", "password", "password-1"));
    assertThat(signup.status()).as(signup.body()).isEqualTo(201);
    Owner owner =
        new Owner(
            signup.json().path("token").asText(),
            UUID.fromString(signup.json().path("user").path("id").asText()));
    jdbc.sql("UPDATE users SET concurrent_calls_limit = :limit WHERE id = :id")
        .param("limit", concurrentCalls)
        .param("id", owner.id())
        .update();
    return owner;
  }

  /** Waits until the campaign is completed. */
  public static void awaitCompleted(
      ApiClient api, Owner owner, String campaignId, Duration atMost) {
    await()
        .atMost(atMost)
        .until(
            () ->
                api.get("/api/campaigns/" + campaignId, owner.token())
                    .json()
                    .path("status")
                    .asText()
                    .equals("completed"));
  }

  /** The provider saw each number dialed exactly once, and no other call. */
  public static void everyNumberDialedOnce(ApiClient bolna, List<String> numbers) {
    JsonNode stats = bolna.get("/simulator/bolna/stats", null).json();
    assertThat(stats.path("calls_placed").asInt()).isEqualTo(numbers.size());
    for (String number : numbers) {
      assertThat(stats.path("calls_by_number").path(number).asInt()).as(number).isEqualTo(1);
    }
  }

  /** The campaign counted every number as a completed, successful call. */
  public static void everyCallCounted(ApiClient api, Owner owner, String campaignId, int calls) {
    JsonNode campaign = api.get("/api/campaigns/" + campaignId, owner.token()).json();
    assertThat(campaign.path("completed_calls").asInt()).isEqualTo(calls);
    assertThat(campaign.path("successful_calls").asInt()).isEqualTo(calls);
  }

  /** The call was billed once, this many credits. */
  public static void billedOnce(JdbcClient jdbc, InFlight call, int credits) {
    assertThat(
            jdbc.sql("SELECT amount FROM credit_transactions WHERE call_id = :id")
                .param("id", call.id())
                .query(Integer.class)
                .list())
        .as("billed once: " + call.bolnaExecutionId())
        .containsExactly(-credits);
  }

  /** The owner's balance is what they should have left, and equals the sum of their ledger. */
  public static void creditsEqualTheLedger(JdbcClient jdbc, UUID userId, int expected) {
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
    assertThat(credits).isEqualTo(expected).isEqualTo(ledger);
  }

  /** {@code count} numbers from {@code first} up, in one US exchange. */
  public static List<String> numbers(int first, int count) {
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      numbers.add("+1415555" + (first + i));
    }
    return numbers;
  }
}
