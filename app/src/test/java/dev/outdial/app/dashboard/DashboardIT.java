package dev.outdial.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.app.testing.ApiTestSupport;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The KPIs dashboards read, over HTTP, kept current by the refresher. */
class DashboardIT extends ApiTestSupport {

  private UUID agent(TestUser user) {
    var answer = api.post("/api/agents", user.token(), Map.of("name", "A", "prompt", "Sell"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return UUID.fromString(answer.json().path("id").asText());
  }

  private void finishedCall(TestUser user, UUID agent, String status, int seconds, int credits) {
    jdbc.sql(
            """
            INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number, status,
                               duration_seconds, credits_used)
            VALUES (:a, :u, :e, '+14155550100', :status, :seconds, :credits)
            """)
        .param("a", agent)
        .param("u", user.id())
        .param("e", "exec-" + UUID.randomUUID())
        .param("status", status)
        .param("seconds", seconds)
        .param("credits", credits)
        .update();
  }

  private JsonNode kpis(TestUser user) {
    var answer = api.get("/api/dashboard/kpis", user.token());
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  @Test
  void aFinishedCallShowsInTheCallersKpisWithinSecondsAndOnlyThere() {
    TestUser user = signup("kpi");
    TestUser other = signup("kpi-other");
    UUID agent = agent(user);

    finishedCall(user, agent, "completed", 90, 2);
    finishedCall(user, agent, "failed", 0, 0);

    await().atMost(Duration.ofSeconds(5)).until(() -> kpis(user).path("total_calls").asLong() == 2);
    JsonNode kpis = kpis(user);
    assertThat(kpis.path("user_id").asText()).isEqualTo(user.id().toString());
    assertThat(kpis.path("completed_calls").asLong()).isEqualTo(1);
    assertThat(kpis.path("failed_calls").asLong()).isEqualTo(1);
    assertThat(kpis.path("total_credits_used").asLong()).isEqualTo(2);
    assertThat(kpis.path("total_agents").asLong()).isEqualTo(1);
    assertThat(kpis.path("avg_call_duration_seconds").decimalValue()).isEqualByComparingTo("90");
    assertThat(kpis.path("success_rate").decimalValue()).isEqualByComparingTo("50");
    assertThat(kpis.path("last_updated").asText()).isNotBlank();
    assertThat(kpis(other).path("total_calls").asLong()).isZero();
  }

  @Test
  void platformKpisAreForAdministratorsOnly() {
    TestUser user = signup("kpi-admin");
    finishedCall(user, agent(user), "completed", 30, 1);

    assertThat(api.get("/api/admin/kpis", user.token()).status()).isEqualTo(403);
    // Once the refresh holds the user's call, the platform's sums include it.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> kpis(user).path("total_credits_used").asLong() == 1);
    JsonNode platform = api.get("/api/admin/kpis", superAdminToken()).json();
    assertThat(platform.path("total_users").asLong()).isPositive();
    assertThat(platform.path("total_calls").asLong()).isPositive();
    assertThat(platform.path("total_credits_used").asLong()).isPositive();
  }

  private UUID callAt(
      TestUser user,
      UUID agent,
      String createdAt,
      String status,
      String lifecycle,
      String outcome) {
    return jdbc.sql(
            """
            INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number, status,
                               call_lifecycle_status, duration_seconds, duration_minutes,
                               credits_used, metadata, created_at)
            VALUES (:a, :u, :e, '+14155550100', :status, :lifecycle, :seconds, :minutes, :minutes,
                    CAST(:metadata AS jsonb), CAST(:at AS timestamptz))
            RETURNING id
            """)
        .param("a", agent)
        .param("u", user.id())
        .param("e", "exec-" + UUID.randomUUID())
        .param("status", status)
        .param("lifecycle", lifecycle)
        .param("seconds", "completed".equals(status) ? 90 : 0)
        .param("minutes", "completed".equals(status) ? 2 : 0)
        .param("metadata", outcome == null ? "{}" : "{\"outcome\": \"" + outcome + "\"}")
        .param("at", createdAt)
        .query(UUID.class)
        .single();
  }

  @Test
  void callsPerDayCountOutcomesByDayInTheCallersZone() {
    TestUser user = signup("per-day");
    UUID agent = agent(user);
    UUID answered = callAt(user, agent, "2026-11-20T23:30:00Z", "completed", "completed", null);
    jdbc.sql(
            "INSERT INTO lead_analytics (call_id, user_id, total_score)"
                + " SELECT id, user_id, 80 FROM calls WHERE id = :c")
        .param("c", answered)
        .update();
    callAt(user, agent, "2026-11-21T10:00:00Z", "failed", "busy", null);
    callAt(user, agent, "2026-11-21T11:00:00Z", "failed", "no-answer", null);
    callAt(user, agent, "2026-11-21T12:00:00Z", "failed", "completed", "voicemail");
    callAt(user, agent, "2026-11-21T13:00:00Z", "unknown", "in-progress", null);
    callAt(user, agent, "2026-11-21T14:00:00Z", "in_progress", "ringing", null);
    // Written without the finalizer: a rebuild counts the finished ones into call_activity.
    rebuild("2026-11-20", "2026-11-22");

    JsonNode kolkata =
        api.get(
                "/api/dashboard/calls-per-day?from=2026-11-20&to=2026-11-22&tz=Asia/Kolkata",
                user.token())
            .json()
            .path("items");
    JsonNode utc =
        api.get("/api/dashboard/calls-per-day?from=2026-11-20&to=2026-11-22", user.token())
            .json()
            .path("items");

    // 23:30 UTC on the 20th is 05:00 on the 21st in Kolkata: one day there, two in UTC.
    assertThat(kolkata).hasSize(1);
    JsonNode day = kolkata.get(0);
    assertThat(day.path("day").asText()).isEqualTo("2026-11-21");
    assertThat(day.path("calls").asInt()).as("one of them still ringing").isEqualTo(6);
    assertThat(day.path("answered").asInt()).isEqualTo(1);
    assertThat(day.path("busy").asInt()).isEqualTo(1);
    assertThat(day.path("no_answer").asInt()).isEqualTo(1);
    assertThat(day.path("voicemail").asInt()).isEqualTo(1);
    assertThat(day.path("failed").asInt()).isEqualTo(1);
    assertThat(day.path("minutes").asInt()).isEqualTo(2);
    assertThat(day.path("credits").asInt()).isEqualTo(2);
    assertThat(day.path("avg_lead_score").decimalValue()).isEqualByComparingTo("80");
    assertThat(utc).hasSize(2);
    assertThat(utc.get(0).path("day").asText()).isEqualTo("2026-11-20");
    // Filtered by its only agent, the same days are counted from the calls themselves.
    JsonNode byAgent =
        api.get(
                "/api/dashboard/calls-per-day?from=2026-11-20&to=2026-11-22&tz=Asia/Kolkata"
                    + "&agent_id="
                    + agent,
                user.token())
            .json()
            .path("items");
    assertThat(byAgent).isEqualTo(kolkata);
  }

  @Test
  void callsPerDayInAZoneWhoseDaysStartOffTheQuarterHourCountsEveryCall() {
    TestUser user = signup("per-day-lmt");
    UUID agent = agent(user);
    // In 1900 Kolkata kept Madras time, UTC+05:21:10: no quarter hour begins its days.
    callAt(user, agent, "1900-06-01T10:00:00Z", "completed", "completed", null);
    callAt(user, agent, "1900-06-01T11:00:00Z", "failed", "busy", null);

    JsonNode days =
        api.get(
                "/api/dashboard/calls-per-day?from=1900-06-01&to=1900-06-01&tz=Asia/Kolkata",
                user.token())
            .json()
            .path("items");

    assertThat(days).hasSize(1);
    assertThat(days.get(0).path("calls").asInt()).isEqualTo(2);
    assertThat(days.get(0).path("busy").asInt()).isEqualTo(1);
  }

  @Test
  void deletingAnAgentTakesItsCallsOutOfCallsPerDay() {
    TestUser user = signup("per-day-del");
    UUID kept = agent(user);
    UUID deleted = agent(user);
    callAt(user, kept, "2026-11-21T10:00:00Z", "completed", "completed", null);
    callAt(user, deleted, "2026-11-21T10:05:00Z", "failed", "busy", null);
    callAt(user, deleted, "2026-11-22T18:00:00Z", "failed", "busy", null);
    rebuild("2026-11-21", "2026-11-22");
    String path = "/api/dashboard/calls-per-day?from=2026-11-21&to=2026-11-22";
    assertThat(api.get(path, user.token()).json().path("items")).hasSize(2);

    assertThat(api.delete("/api/agents/" + deleted, user.token()).status()).isEqualTo(204);

    JsonNode days = api.get(path, user.token()).json().path("items");
    assertThat(days).hasSize(1);
    assertThat(days.get(0).path("calls").asInt()).isEqualTo(1);
    assertThat(days.get(0).path("answered").asInt()).isEqualTo(1);
  }

  private void rebuild(String from, String to) {
    var rebuilt =
        api.post(
            "/api/admin/analytics/rebuild?from=" + from + "&to=" + to, admin().token(), Map.of());
    assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
  }

  @Test
  void agentAnalyticsAreTheCallersOwnPerAgentAndDay() {
    TestUser user = signup("agent-days");
    TestUser other = signup("agent-days-other");
    UUID agent = agent(user);
    UUID othersAgent = agent(other);
    for (String day : new String[] {"2026-11-01", "2026-11-02"}) {
      jdbc.sql(
              """
              INSERT INTO agent_analytics (agent_id, user_id, metric_date, total_calls,
                                           successful_calls, failed_calls, avg_duration_seconds)
              VALUES (:a, :u, CAST(:d AS date), 3, 2, 1, 45.5)
              """)
          .param("a", agent)
          .param("u", user.id())
          .param("d", day)
          .update();
    }
    jdbc.sql(
            """
            INSERT INTO agent_analytics (agent_id, user_id, metric_date, total_calls)
            VALUES (:a, :u, DATE '2026-11-01', 9)
            """)
        .param("a", othersAgent)
        .param("u", other.id())
        .update();

    JsonNode items =
        api.get("/api/dashboard/agents?from=2026-11-01&to=2026-11-30", user.token())
            .json()
            .path("items");

    assertThat(items).hasSize(2);
    assertThat(items.get(0).path("agent_id").asText()).isEqualTo(agent.toString());
    assertThat(items.get(0).path("agent_name").asText()).isEqualTo("A");
    assertThat(items.get(0).path("metric_date").asText()).isEqualTo("2026-11-01");
    assertThat(items.get(1).path("successful_calls").asInt()).isEqualTo(2);

    JsonNode first =
        api.get("/api/dashboard/agents?from=2026-11-01&to=2026-11-30&limit=1", user.token()).json();
    assertThat(first.path("items")).hasSize(1);
    assertThat(first.path("items").get(0).path("metric_date").asText()).isEqualTo("2026-11-01");
    JsonNode second =
        api.get(
                "/api/dashboard/agents?from=2026-11-01&to=2026-11-30&limit=1&cursor="
                    + first.path("next_cursor").asText(),
                user.token())
            .json();
    assertThat(second.path("items")).hasSize(1);
    assertThat(second.path("items").get(0).path("metric_date").asText()).isEqualTo("2026-11-02");
    assertThat(second.path("next_cursor").asText(null)).isNull();
  }

  @Test
  void anAdministratorRebuildsAgentAnalyticsFromTheCalls() {
    TestUser user = signup("rebuild");
    UUID agent = agent(user);
    // Calls written without the finalizer: only a rebuild counts them.
    callAt(user, agent, "2026-10-03T10:00:00Z", "completed", "completed", null);
    callAt(user, agent, "2026-10-03T23:30:00Z", "failed", "busy", null);
    callAt(user, agent, "2026-10-04T00:30:00Z", "failed", "no-answer", null);
    String path = "/api/admin/analytics/rebuild?from=2026-10-03&to=2026-10-04";

    assertThat(api.post(path, user.token(), Map.of()).status()).isEqualTo(403);
    var rebuilt = api.post(path, admin().token(), Map.of());

    assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
    assertThat(rebuilt.json().path("days").asInt()).isEqualTo(2);
    assertThat(rebuilt.json().path("agent_analytics").path("rows").asInt()).isEqualTo(2);
    assertThat(rebuilt.json().path("call_activity").path("rows").asInt()).isEqualTo(3);
    JsonNode items =
        api.get("/api/dashboard/agents?from=2026-10-01&to=2026-10-31", user.token())
            .json()
            .path("items");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).path("metric_date").asText()).isEqualTo("2026-10-03");
    assertThat(items.get(0).path("total_calls").asInt()).isEqualTo(2);
    assertThat(items.get(0).path("successful_calls").asInt()).isEqualTo(1);
    assertThat(items.get(0).path("total_credits_used").asInt()).isEqualTo(2);
    assertThat(items.get(0).path("avg_duration_seconds").decimalValue()).isEqualByComparingTo("90");
    assertThat(items.get(1).path("failed_calls").asInt()).isEqualTo(1);
    JsonNode days =
        api.get("/api/dashboard/calls-per-day?from=2026-10-03&to=2026-10-04", user.token())
            .json()
            .path("items");
    assertThat(days).hasSize(2);
    assertThat(days.get(0).path("calls").asInt()).isEqualTo(2);
    // A second rebuild finds nothing to correct in those days.
    JsonNode again = api.post(path, admin().token(), Map.of()).json();
    assertThat(again.path("agent_analytics").path("rows").asInt()).isZero();
    assertThat(again.path("call_activity").path("rows").asInt()).isZero();
  }

  @Test
  void aRebuildNeedsItsRange() {
    var missing =
        api.post("/api/admin/analytics/rebuild?from=2026-10-03", admin().token(), Map.of());
    var tooLong =
        api.post(
            "/api/admin/analytics/rebuild?from=2020-01-01&to=2026-10-03",
            admin().token(),
            Map.of());

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("to");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body()).contains("366 days");
  }

  @Test
  void badRangesAndZonesAreClearFieldErrors() {
    TestUser user = signup("per-day-bad");

    var backwards =
        api.get("/api/dashboard/calls-per-day?from=2026-11-20&to=2026-11-01", user.token());
    var tooLong = api.get("/api/dashboard/agents?from=2024-01-01&to=2026-01-01", user.token());
    var badZone = api.get("/api/dashboard/calls-per-day?tz=Mars/Olympus", user.token());
    var badDate = api.get("/api/dashboard/agents?from=yesterday", user.token());

    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.json().path("errors").get(0).path("field").asText()).isEqualTo("from");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body()).contains("366 days");
    assertThat(badZone.status()).isEqualTo(400);
    assertThat(badZone.json().path("errors").get(0).path("field").asText()).isEqualTo("tz");
    assertThat(badDate.status()).isEqualTo(400);
  }
}
