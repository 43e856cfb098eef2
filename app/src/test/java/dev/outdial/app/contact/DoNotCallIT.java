package dev.outdial.app.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.app.testing.ApiTestSupport;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Do-not-call lists over HTTP: the tenant's own, the platform's, and what adding a number does. */
class DoNotCallIT extends ApiTestSupport {

  private String agent(TestUser user) {
    var answer = api.post("/api/agents", user.token(), Map.of("name", "A", "prompt", "Sell"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json().path("id").asText();
  }

  private void contact(TestUser user, String phone) {
    var answer =
        api.post("/api/contacts", user.token(), Map.of("name", "Ada", "phone_number", phone));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
  }

  /** A draft campaign over all the user's contacts, each queued. */
  private String draft(TestUser user) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "Outreach");
    body.put("agent_id", agent(user));
    body.put("next_action", "Book a demo");
    body.put("first_call_time", "09:00");
    body.put("last_call_time", "17:00");
    body.put("start_date", LocalDate.now().plusDays(1).toString());
    var created = api.post("/api/campaigns", user.token(), body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private Map<String, Object> queueItem(String campaignId, String phone) {
    return jdbc.sql(
            "SELECT status, failure_reason FROM call_queue"
                + " WHERE campaign_id = CAST(:c AS uuid) AND phone_number = :p")
        .param("c", campaignId)
        .param("p", phone)
        .query()
        .singleRow();
  }

  @Test
  void aNumberAddedToTheListClosesItsQueuedCallsWithTheReason() {
    TestUser user = signup("dnc");
    contact(user, "+14155550101");
    contact(user, "+14155550102");
    String campaign = draft(user);

    var added =
        api.post(
            "/api/do-not-call",
            user.token(),
            Map.of("phone_number", "(415) 555-0101", "default_region", "US", "reason", "asked"));
    var again = api.post("/api/do-not-call", user.token(), Map.of("phone_number", "+14155550101"));

    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.json().path("entry").path("phone_number").asText()).isEqualTo("+14155550101");
    assertThat(added.json().path("closed_calls").asInt()).isEqualTo(1);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("already_listed").asBoolean()).isTrue();
    assertThat(again.json().path("entry").path("reason").asText()).isEqualTo("asked");
    assertThat(queueItem(campaign, "+14155550101"))
        .containsEntry("status", "skipped")
        .containsEntry("failure_reason", "the number is on the account's do-not-call list (asked)");
    assertThat(queueItem(campaign, "+14155550102")).containsEntry("status", "queued");
  }

  @Test
  void theListIsTheTenantsOwnAndPagedNewestFirst() {
    TestUser owner = signup("dnc-owner");
    TestUser other = signup("dnc-other");
    for (int i = 0; i < 3; i++) {
      api.post("/api/do-not-call", owner.token(), Map.of("phone_number", "+1415555020" + i));
    }

    JsonNode first = api.get("/api/do-not-call?limit=2", owner.token()).json();
    JsonNode rest =
        api.get(
                "/api/do-not-call?limit=2&cursor=" + first.path("next_cursor").asText(),
                owner.token())
            .json();

    assertThat(first.path("items")).hasSize(2);
    assertThat(first.path("items").get(0).path("phone_number").asText()).isEqualTo("+14155550202");
    assertThat(rest.path("items")).hasSize(1);
    assertThat(rest.path("next_cursor").isMissingNode()).isTrue();
    assertThat(api.get("/api/do-not-call", other.token()).json().path("items")).isEmpty();
    assertThat(api.delete("/api/do-not-call/+14155550200", other.token()).status()).isEqualTo(404);
    assertThat(api.delete("/api/do-not-call/+14155550200", owner.token()).status()).isEqualTo(204);
    assertThat(api.get("/api/do-not-call", owner.token()).json().path("items")).hasSize(2);
  }

  @Test
  void badNumbersAreClearFieldErrors() {
    TestUser user = signup("dnc-bad");

    var answer = api.post("/api/do-not-call", user.token(), Map.of("phone_number", "555-0101"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("errors").get(0).path("field").asText())
        .isEqualTo("phone_number");
  }

  @Test
  void aCsvImportListsTheGoodLinesAndReportsTheBadOnes() {
    TestUser user = signup("dnc-csv");
    String csv =
        "Phone,Reason\n+14155550301,asked\nnot a number,\n(415) 555-0302,\n+14155550301,\n";

    var answer =
        api.send(
            "POST",
            "/api/do-not-call/import?default_region=US",
            user.token(),
            csv,
            Map.of("Content-Type", "text/csv"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("added").asInt()).isEqualTo(2);
    assertThat(answer.json().path("skipped").asInt()).isEqualTo(1);
    assertThat(answer.json().path("failed").asInt()).isEqualTo(1);
    assertThat(answer.json().path("errors").get(0).path("line").asInt()).isEqualTo(3);
  }

  @Test
  void onlyASuperAdminChangesThePlatformsListAndItClosesEveryTenantsQueuedCalls() {
    TestUser first = signup("dnc-a");
    TestUser second = signup("dnc-b");
    String number =
        "+14155550" + (400 + (int) (Math.abs(UUID.randomUUID().getLeastSignificantBits()) % 99));
    contact(first, number);
    contact(second, number);
    String firstCampaign = draft(first);
    String secondCampaign = draft(second);
    TestUser admin = admin();

    var byAdmin = api.post("/api/admin/do-not-call", admin.token(), Map.of("phone_number", number));
    var byUser = api.post("/api/admin/do-not-call", first.token(), Map.of("phone_number", number));
    var byRoot =
        api.post(
            "/api/admin/do-not-call",
            superAdminToken(),
            Map.of("phone_number", number, "reason", "regulator"));

    assertThat(byAdmin.status()).isEqualTo(403);
    assertThat(byUser.status()).isEqualTo(403);
    assertThat(byRoot.status()).as(byRoot.body()).isEqualTo(201);
    assertThat(byRoot.json().path("closed_calls").asInt()).isEqualTo(2);
    assertThat(queueItem(firstCampaign, number)).containsEntry("status", "skipped");
    assertThat(queueItem(secondCampaign, number))
        .containsEntry(
            "failure_reason", "the number is on the platform's do-not-call list (regulator)");
    assertThat(api.get("/api/admin/do-not-call", admin.token()).body()).contains(number);
    var call =
        api.post(
            "/api/calls", first.token(), Map.of("agent_id", agent(first), "phone_number", number));
    assertThat(call.status()).isEqualTo(409);
    assertThat(api.delete("/api/admin/do-not-call/" + number, superAdminToken()).status())
        .isEqualTo(204);
  }
}
