package dev.outdial.app.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.app.testing.ApiTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two users' campaigns run side by side through the simulator: the limits hold as the provider sees
 * them, every contact is called once, and counters and credits add up.
 */
class CampaignRunIT extends ApiTestSupport {

  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

  @DynamicPropertySource
  static void fast(DynamicPropertyRegistry registry) {
    registry.add("outdial.simulator.ring-seconds", () -> "0.05");
    registry.add("outdial.simulator.post-processing-seconds", () -> "0.05");
    // A 30-second call lasts 3 s, ten dispatch polls; a 3-second one 0.3 s.
    registry.add("outdial.simulator.time-scale", () -> "0.1");
    registry.add("outdial.bolna.webhook.sweep-interval", () -> "200ms");
    registry.add("outdial.dispatch.poll-interval", () -> "300ms");
    registry.add("outdial.dispatch.ensure-interval", () -> "1s");
    registry.add("outdial.quiet-hours", () -> "off");
    // Long enough that only signals can make a campaign go on in time.
    registry.add("outdial.campaign.poll-interval", () -> "10m");
  }

  private record Runner(
      TestUser user,
      String bolnaAgentId,
      String campaignId,
      List<String> numbers,
      int talkSeconds) {}

  private Runner runner(String name, int limit, int firstNumber, int talkSeconds) {
    return runner(name, limit, firstNumber, talkSeconds, "00:00", "23:59");
  }

  private Runner runner(
      String name, int limit, int firstNumber, int talkSeconds, String first, String last) {
    TestUser user = signup(name);
    assertThat(
            api.patch(
                    "/api/admin/users/" + user.id(),
                    superAdminToken(),
                    Map.of("concurrent_calls_limit", limit))
                .status())
        .isEqualTo(200);
    JsonNode agent =
        api.post("/api/agents", user.token(), Map.of("name", name, "prompt", "Sell")).json();
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String number = "+1415555" + (firstNumber + i);
      numbers.add(number);
      api.put(
          "/simulator/bolna/numbers/" + number,
          null,
          Map.of("outcome", "completed", "talk_seconds", talkSeconds));
      api.post("/api/contacts", user.token(), Map.of("name", name + i, "phone_number", number));
    }
    Map<String, Object> campaign =
        Map.of(
            "name",
            name + " campaign",
            "agent_id",
            agent.path("id").asText(),
            "next_action",
            "Book a demo",
            "first_call_time",
            first,
            "last_call_time",
            last,
            "start_date",
            LocalDate.now(ZoneId.of("UTC")).minusDays(1).toString(),
            "timezone",
            "UTC");
    var created = api.post("/api/campaigns", user.token(), campaign);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new Runner(
        user,
        agent.path("bolna_agent_id").asText(),
        created.json().path("id").asText(),
        numbers,
        talkSeconds);
  }

  @Test
  void campaignsOfSeveralUsersRunWithinTheirLimitsAndAddUp() {
    api.post("/simulator/bolna/reset", null, "");
    Runner one = runner("one", 1, 2000, 3);
    // Calls of 3 s: the two a dispatch round gives this user (limit 2) are surely in flight
    // together, so the provider sees exactly the limit, not less.
    Runner two = runner("two", 2, 3000, 30);
    // A third user's window opens two hours from now where the numbers are (San Francisco).
    LocalTime opens = LocalTime.now(LOS_ANGELES).plusHours(2).truncatedTo(ChronoUnit.MINUTES);
    Runner closed = runner("closed", 2, 6000, 30, opens.toString(), opens.plusHours(1).toString());
    for (Runner runner : List.of(one, two, closed)) {
      for (String number : runner.numbers()) {
        api.put(
            "/simulator/bolna/numbers/" + number,
            null,
            Map.of("outcome", "completed", "talk_seconds", runner.talkSeconds()));
      }
      assertThat(
              api.post(
                      "/api/campaigns/" + runner.campaignId() + "/start", runner.user().token(), "")
                  .json()
                  .path("status")
                  .asText())
          .isEqualTo("active");
    }

    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                List.of(one, two).stream()
                    .allMatch(
                        runner ->
                            "completed"
                                .equals(
                                    api.get(
                                            "/api/campaigns/" + runner.campaignId(),
                                            runner.user().token())
                                        .json()
                                        .path("status")
                                        .asText())));

    JsonNode stats = api.get("/simulator/bolna/stats", null).json();
    assertThat(stats.path("calls_placed").asInt()).isEqualTo(8);
    for (Runner runner : List.of(one, two)) {
      for (String number : runner.numbers()) {
        assertThat(stats.path("calls_by_number").path(number).asInt()).as(number).isEqualTo(1);
      }
      JsonNode campaign =
          api.get("/api/campaigns/" + runner.campaignId(), runner.user().token()).json();
      assertThat(campaign.path("completed_calls").asInt()).isEqualTo(4);
      assertThat(campaign.path("successful_calls").asInt()).isEqualTo(4);
      assertThat(campaign.path("progress_percentage").asDouble()).isEqualTo(100.0);
      // Every answered call was scored as a lead.
      assertThat(api.get("/api/leads", runner.user().token()).json().path("items").size())
          .isEqualTo(4);
      // Each call knows its campaign: the campaign's analytics count all four as answered.
      JsonNode analytics =
          api.get("/api/campaigns/" + runner.campaignId() + "/analytics", runner.user().token())
              .json();
      assertThat(analytics.path("outcomes").path("answered").asInt()).isEqualTo(4);
      assertThat(analytics.path("credits_used").asInt()).isEqualTo(4);
      assertThat(credits(runner.user().id()))
          .isEqualTo(11)
          .isEqualTo(ledgerSum(runner.user().id()));
    }
    // The closed window held as the provider sees it: none of its numbers was dialed, and each
    // item waits for the opening in its recipient's zone.
    for (String number : closed.numbers()) {
      assertThat(stats.path("calls_by_number").has(number)).as(number).isFalse();
    }
    JsonNode waiting =
        api.get("/api/campaigns/" + closed.campaignId() + "/queue", closed.user().token())
            .json()
            .path("items");
    assertThat(waiting.size()).isEqualTo(4);
    for (JsonNode item : waiting) {
      assertThat(item.path("status").asText()).isEqualTo("queued");
      assertThat(
              Instant.parse(item.path("scheduled_for").asText()).atZone(LOS_ANGELES).toLocalTime())
          .isEqualTo(opens);
    }
    assertThat(stats.path("max_active_by_agent").path(one.bolnaAgentId()).asInt()).isEqualTo(1);
    assertThat(stats.path("max_active_by_agent").path(two.bolnaAgentId()).asInt()).isEqualTo(2);
  }

  @Test
  void aCampaignWhoseOwnerRunsOutOfCreditsPausesAndResumesWhenCreditsArrive() {
    Runner poor = runner("poor", 2, 4000, 3);
    api.post(
        "/api/admin/users/" + poor.user().id() + "/credits",
        superAdminToken(),
        Map.of("amount", -15, "description", "Spent elsewhere"));

    api.post("/api/campaigns/" + poor.campaignId() + "/start", poor.user().token(), "");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              JsonNode campaign =
                  api.get("/api/campaigns/" + poor.campaignId(), poor.user().token()).json();
              return campaign.path("status").asText().equals("paused")
                  && campaign.path("paused_reason").asText().contains("no credits");
            });
    assertThat(
            api.get("/simulator/bolna/stats", null)
                .json()
                .path("calls_by_number")
                .has(poor.numbers().get(0)))
        .isFalse();

    api.post(
        "/api/admin/users/" + poor.user().id() + "/credits",
        superAdminToken(),
        Map.of("amount", 10, "description", "Top-up"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "completed"
                    .equals(
                        api.get("/api/campaigns/" + poor.campaignId(), poor.user().token())
                            .json()
                            .path("status")
                            .asText()));
    JsonNode campaign = api.get("/api/campaigns/" + poor.campaignId(), poor.user().token()).json();
    assertThat(campaign.path("successful_calls").asInt()).isEqualTo(4);
    assertThat(credits(poor.user().id())).isEqualTo(6).isEqualTo(ledgerSum(poor.user().id()));
  }
}
