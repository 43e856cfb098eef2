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
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                api.get("/api/admin/kpis", superAdminToken()).json().path("total_calls").asLong()
                    >= 1);
    JsonNode platform = api.get("/api/admin/kpis", superAdminToken()).json();
    assertThat(platform.path("total_users").asLong()).isPositive();
    assertThat(platform.path("total_credits_used").asLong()).isPositive();
  }
}
