package dev.outdial.app.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.app.testing.ApiTestSupport;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The platform's quiet hours hold for campaigns in the running app: a campaign whose window is open
 * all day does not dial a recipient whose local time is inside quiet hours, and its item waits for
 * their end.
 */
class QuietHoursDispatchIT extends ApiTestSupport {

  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

  @Test
  void aCampaignItemInsideTheRecipientsQuietHoursWaitsForTheirEndAndIsNotDialed() {
    String root = superAdminToken();
    JsonNode before = api.get("/api/admin/system/quiet-hours", root).json();
    LocalTime nowThere = LocalTime.now(LOS_ANGELES).truncatedTo(ChronoUnit.MINUTES);
    LocalTime start = nowThere.minusHours(1);
    LocalTime end = nowThere.plusHours(2);
    try {
      assertThat(
              api.put(
                      "/api/admin/system/quiet-hours",
                      root,
                      Map.of("start", start.toString(), "end", end.toString()))
                  .status())
          .isEqualTo(200);
      TestUser user = signup("quiet");
      String number = "+1415555" + (7000 + (int) (Math.random() * 999));
      String agent =
          api.post("/api/agents", user.token(), Map.of("name", "Quiet", "prompt", "Hi"))
              .json()
              .path("id")
              .asText();
      api.post("/api/contacts", user.token(), Map.of("name", "Night owl", "phone_number", number));
      var campaign =
          api.post(
              "/api/campaigns",
              user.token(),
              Map.of(
                  "name", "All day",
                  "agent_id", agent,
                  "next_action", "Sell",
                  "first_call_time", "00:00",
                  "last_call_time", "23:59",
                  "start_date", LocalDate.now(LOS_ANGELES).minusDays(1).toString(),
                  "timezone", "America/Los_Angeles"));
      assertThat(campaign.status()).as(campaign.body()).isEqualTo(201);
      String campaignId = campaign.json().path("id").asText();
      api.post("/api/campaigns/" + campaignId + "/start", user.token(), "");

      ZonedDateTime endToday =
          ZonedDateTime.now(LOS_ANGELES).with(end).truncatedTo(ChronoUnit.MINUTES);
      Instant quietEnds =
          (endToday.isBefore(ZonedDateTime.now(LOS_ANGELES)) ? endToday.plusDays(1) : endToday)
              .toInstant();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                Map<String, Object> item =
                    jdbc.sql(
                            "SELECT status, scheduled_for FROM call_queue"
                                + " WHERE campaign_id = CAST(:c AS uuid)")
                        .param("c", campaignId)
                        .query()
                        .singleRow();
                assertThat(item.get("status")).isEqualTo("queued");
                assertThat(((Timestamp) item.get("scheduled_for")).toInstant())
                    .isEqualTo(quietEnds);
              });
      JsonNode dialed = api.get("/simulator/bolna/stats", null).json().path("calls_by_number");
      assertThat(dialed.has(number)).as("nobody dialed %s in quiet hours", number).isFalse();
    } finally {
      api.put("/api/admin/system/quiet-hours", root, before);
    }
  }
}
