package dev.outdial.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.app.testing.ApiTestSupport;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A campaign's analytics over HTTP: outcomes, recipient-local hours, attempts, credits, leads. */
class CampaignAnalyticsIT extends ApiTestSupport {

  private UUID post(TestUser user, String path, Map<String, Object> body) {
    var answer = api.post(path, user.token(), body);
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return UUID.fromString(answer.json().path("id").asText());
  }

  private UUID campaign(TestUser user, UUID agent, List<UUID> contacts) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "Autumn");
    body.put("agent_id", agent.toString());
    body.put("next_action", "Book a demo");
    body.put("first_call_time", "08:00");
    body.put("last_call_time", "18:00");
    body.put("start_date", LocalDate.now().plusDays(1).toString());
    body.put("contact_ids", contacts.stream().map(UUID::toString).toList());
    return post(user, "/api/campaigns", body);
  }

  /** A call of the campaign to the contact, and its queue item pointing at it. */
  private UUID call(
      TestUser user,
      UUID agent,
      UUID campaign,
      UUID contact,
      String createdAt,
      String status,
      String lifecycle,
      int seconds,
      String outcome) {
    int minutes = (seconds + 59) / 60;
    UUID call =
        jdbc.sql(
                """
                INSERT INTO calls (agent_id, user_id, contact_id, campaign_id, bolna_execution_id,
                                   phone_number, status, call_lifecycle_status, duration_seconds,
                                   duration_minutes, credits_used, metadata, created_at)
                VALUES (:a, :u, :contact, :campaign, :e, '+14155550100', :status, :lifecycle,
                        :seconds, :minutes, :minutes, CAST(:metadata AS jsonb),
                        CAST(:at AS timestamptz))
                RETURNING id
                """)
            .param("a", agent)
            .param("u", user.id())
            .param("contact", contact)
            .param("campaign", campaign)
            .param("e", "exec-" + UUID.randomUUID())
            .param("status", status)
            .param("lifecycle", lifecycle)
            .param("seconds", seconds)
            .param("minutes", minutes)
            .param("metadata", outcome == null ? "{}" : "{\"outcome\": \"" + outcome + "\"}")
            .param("at", createdAt)
            .query(UUID.class)
            .single();
    return call;
  }

  private void item(UUID campaign, UUID contact, UUID call, int attempts, String status) {
    int updated =
        jdbc.sql(
                """
                UPDATE call_queue SET call_id = :call, attempts = :attempts, status = :status
                WHERE campaign_id = :campaign AND contact_id = :contact
                """)
            .param("call", call)
            .param("attempts", attempts)
            .param("status", status)
            .param("campaign", campaign)
            .param("contact", contact)
            .update();
    assertThat(updated).isEqualTo(1);
  }

  private void lead(UUID call, String tag, int score) {
    jdbc.sql(
            "INSERT INTO lead_analytics (call_id, user_id, lead_status_tag, total_score)"
                + " SELECT id, user_id, :t, :s FROM calls WHERE id = :c")
        .param("c", call)
        .param("t", tag)
        .param("s", score)
        .update();
  }

  @Test
  void aCampaignsAnalyticsCountEveryAttemptInTheRecipientsOwnHours() {
    TestUser user = signup("ca");
    UUID agent = post(user, "/api/agents", Map.of("name", "A", "prompt", "Sell"));
    UUID sanFrancisco =
        post(user, "/api/contacts", Map.of("name", "Ada", "phone_number", "+14155552671"));
    UUID london =
        post(user, "/api/contacts", Map.of("name", "Alan", "phone_number", "+442079460958"));
    UUID voicemail =
        post(user, "/api/contacts", Map.of("name", "Grace", "phone_number", "+14155552672"));
    UUID stillTalking =
        post(user, "/api/contacts", Map.of("name", "Linus", "phone_number", "+442079460959"));
    UUID campaign = campaign(user, agent, List.of(sanFrancisco, london, voicemail, stillTalking));

    // 17:30 UTC is 09:30 in San Francisco; the retry at 19:00 UTC is 11:00 there.
    call(user, agent, campaign, sanFrancisco, "2026-11-20T17:30:00Z", "failed", "busy", 0, null);
    UUID retried =
        call(
            user,
            agent,
            campaign,
            sanFrancisco,
            "2026-11-21T19:00:00Z",
            "completed",
            "completed",
            90,
            null);
    item(campaign, sanFrancisco, retried, 2, "completed");
    lead(retried, "Hot", 85);
    // 09:40 UTC is 09:40 in London.
    UUID answered =
        call(
            user,
            agent,
            campaign,
            london,
            "2026-11-20T09:40:00Z",
            "completed",
            "completed",
            30,
            null);
    item(campaign, london, answered, 1, "completed");
    lead(answered, "Warm", 55);
    // 16:20 UTC is 08:20 in San Francisco.
    UUID machine =
        call(
            user,
            agent,
            campaign,
            voicemail,
            "2026-11-20T16:20:00Z",
            "failed",
            "completed",
            0,
            "voicemail");
    item(campaign, voicemail, machine, 1, "failed");
    UUID live =
        call(
            user,
            agent,
            campaign,
            stillTalking,
            "2026-11-22T10:00:00Z",
            "in_progress",
            "ringing",
            0,
            null);
    item(campaign, stillTalking, live, 1, "processing");
    jdbc.sql(
            """
            UPDATE call_campaigns SET completed_calls = 3, successful_calls = 2, failed_calls = 1
            WHERE id = :id
            """)
        .param("id", campaign)
        .update();

    var answer = api.get("/api/campaigns/" + campaign + "/analytics", user.token());

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode analytics = answer.json();
    assertThat(analytics.path("status").asText()).isEqualTo("draft");
    JsonNode progress = analytics.path("progress");
    assertThat(progress.path("total_contacts").asInt()).isEqualTo(4);
    assertThat(progress.path("progress_percentage").decimalValue()).isEqualByComparingTo("75");
    // The seed's average over each item's last call: (90 + 30 + 0 + 0) / 4.
    assertThat(analytics.path("avg_duration_seconds").decimalValue()).isEqualByComparingTo("30");
    JsonNode outcomes = analytics.path("outcomes");
    assertThat(outcomes.path("calls").asInt()).isEqualTo(5);
    assertThat(outcomes.path("answered").asInt()).isEqualTo(2);
    assertThat(outcomes.path("busy").asInt()).isEqualTo(1);
    assertThat(outcomes.path("voicemail").asInt()).isEqualTo(1);
    assertThat(outcomes.path("no_answer").asInt()).isZero();
    assertThat(outcomes.path("failed").asInt()).isZero();
    assertThat(outcomes.path("in_progress").asInt()).isEqualTo(1);
    assertThat(analytics.path("credits_used").asInt()).isEqualTo(3);
    assertThat(analytics.path("minutes").asInt()).isEqualTo(3);

    JsonNode hours = analytics.path("answer_rate_by_hour");
    assertThat(hours).hasSize(3);
    assertThat(hours.get(0).path("hour").asInt()).isEqualTo(8);
    assertThat(hours.get(0).path("answer_rate").decimalValue()).isEqualByComparingTo("0");
    assertThat(hours.get(1).path("hour").asInt()).isEqualTo(9);
    assertThat(hours.get(1).path("calls").asInt()).isEqualTo(2);
    assertThat(hours.get(1).path("answer_rate").decimalValue()).isEqualByComparingTo("50");
    assertThat(hours.get(2).path("hour").asInt()).isEqualTo(11);
    assertThat(hours.get(2).path("answer_rate").decimalValue()).isEqualByComparingTo("100");

    JsonNode attempts = analytics.path("attempts");
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).path("attempts").asInt()).isEqualTo(1);
    assertThat(attempts.get(0).path("items").asInt()).isEqualTo(3);
    assertThat(attempts.get(0).path("completed").asInt()).isEqualTo(1);
    assertThat(attempts.get(0).path("failed").asInt()).isEqualTo(1);
    assertThat(attempts.get(0).path("other").asInt()).isEqualTo(1);
    assertThat(attempts.get(1).path("attempts").asInt()).isEqualTo(2);
    assertThat(attempts.get(1).path("completed").asInt()).isEqualTo(1);

    JsonNode tags = analytics.path("leads_by_tag");
    assertThat(tags).hasSize(2);
    assertThat(tags.get(0).path("lead_status_tag").asText()).isEqualTo("Hot");
    assertThat(tags.get(0).path("avg_total_score").decimalValue()).isEqualByComparingTo("85");
    assertThat(tags.get(1).path("lead_status_tag").asText()).isEqualTo("Warm");

    // The same campaign filters the call list and calls-per-day, every attempt included.
    JsonNode listed =
        api.get("/api/calls?campaign_id=" + campaign, user.token()).json().path("items");
    assertThat(listed).hasSize(5);
    JsonNode days =
        api.get(
                "/api/dashboard/calls-per-day?from=2026-11-20&to=2026-11-22&campaign_id="
                    + campaign,
                user.token())
            .json()
            .path("items");
    assertThat(days.get(0).path("calls").asInt()).isEqualTo(3);
  }

  @Test
  void anotherUsersCampaignIsNotFound() {
    TestUser owner = signup("ca-owner");
    TestUser other = signup("ca-other");
    UUID agent = post(owner, "/api/agents", Map.of("name", "A", "prompt", "Sell"));
    UUID contact =
        post(owner, "/api/contacts", Map.of("name", "Ada", "phone_number", "+14155552671"));
    UUID campaign = campaign(owner, agent, List.of(contact));

    var foreign = api.get("/api/campaigns/" + campaign + "/analytics", other.token());
    var fresh = api.get("/api/campaigns/" + campaign + "/analytics", owner.token());

    assertThat(foreign.status()).isEqualTo(404);
    assertThat(fresh.status()).isEqualTo(200);
    assertThat(fresh.json().path("outcomes").path("calls").asInt()).isZero();
    assertThat(fresh.json().path("avg_duration_seconds").decimalValue()).isEqualByComparingTo("0");
    assertThat(fresh.json().path("attempts").get(0).path("queued").asInt()).isEqualTo(1);
  }
}
