package dev.outdial.app.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.app.testing.ApiClient;
import dev.outdial.app.testing.ApiTestSupport;
import dev.outdial.app.testing.Recipients;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What {@code POST /api/calls} queues: once per idempotency key, only the caller's own, with what
 * the caller gave, at the time asked, and nothing for whom must not be called.
 */
class OneOffCallRequestsIT extends ApiTestSupport {

  private String agent(TestUser user) {
    return api.post("/api/agents", user.token(), Map.of("name", "Caller", "prompt", "Hi"))
        .json()
        .path("id")
        .asText();
  }

  private ApiClient.Answer call(TestUser user, Map<String, Object> body, String key) {
    return api.send(
        "POST",
        "/api/calls",
        user.token(),
        body,
        key == null ? Map.of() : Map.of("Idempotency-Key", key));
  }

  private int requests(UUID userId) {
    return jdbc.sql("SELECT count(*) FROM call_requests WHERE user_id = :u")
        .param("u", userId)
        .query(Integer.class)
        .single();
  }

  @Test
  void aRepeatWithTheSameIdempotencyKeyAnswersTheSameCallAndQueuesNothingMore() {
    TestUser user = signup("idempotent");
    Map<String, Object> body = Map.of("agent_id", agent(user), "phone_number", "+14155550123");

    var first = call(user, body, "order-7");
    var repeat = call(user, body, "order-7");
    var other = call(user, body, "order-8");

    assertThat(first.status()).as(first.body()).isEqualTo(202);
    assertThat(repeat.status()).isEqualTo(202);
    assertThat(repeat.json().path("workflow_id").asText())
        .isEqualTo(first.json().path("workflow_id").asText());
    assertThat(other.json().path("workflow_id").asText())
        .isNotEqualTo(first.json().path("workflow_id").asText());
    assertThat(requests(user.id())).isEqualTo(2);
    assertThat(first.json().path("workflow_url").asText())
        .isEqualTo(
            TEMPORAL_UI
                + "/namespaces/default/workflows/"
                + first.json().path("workflow_id").asText());

    TestUser stranger = signup("same-key");
    var strangers =
        call(
            stranger,
            Map.of("agent_id", agent(stranger), "phone_number", "+14155550124"),
            "order-7");
    assertThat(strangers.json().path("workflow_id").asText())
        .as("a key is the caller's own")
        .isNotEqualTo(first.json().path("workflow_id").asText());
  }

  @Test
  void anotherTenantsContactIsNotFoundAndNothingIsQueued() {
    TestUser owner = signup("contact-owner");
    String contactId =
        api.post(
                "/api/contacts",
                owner.token(),
                Map.of("name", "Private", "phone_number", "+14155550125"))
            .json()
            .path("id")
            .asText();
    TestUser intruder = signup("intruder");

    var answer = call(intruder, Map.of("agent_id", agent(intruder), "contact_id", contactId), null);

    assertThat(answer.status()).as(answer.body()).isEqualTo(404);
    assertThat(requests(intruder.id())).isZero();
    assertThat(requests(owner.id())).isZero();
  }

  private JsonNode userData(String workflowId) throws Exception {
    return new ObjectMapper()
        .readTree(
            jdbc.sql("SELECT user_data::text FROM call_requests WHERE workflow_id = :wf")
                .param("wf", workflowId)
                .query(String.class)
                .single());
  }

  @Test
  void theRecipientsNameAndTheGivenUserDataTravelWithTheCall() throws Exception {
    TestUser user = signup("user-data");
    var answer =
        call(
            user,
            Map.of(
                "agent_id",
                agent(user),
                "phone_number",
                "+14155550126",
                "name",
                "Ada",
                "user_data",
                Map.of("plan", "gold", "order", "A-17")),
            null);

    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    JsonNode userData = userData(answer.json().path("workflow_id").asText());
    assertThat(userData.path("name").asText()).isEqualTo("Ada");
    assertThat(userData.path("plan").asText()).isEqualTo("gold");
    assertThat(userData.path("order").asText()).isEqualTo("A-17");
  }

  @Test
  void aTimeInThePastMeansNowAndAFutureTimeIsKept() {
    TestUser user = signup("scheduler");
    String agentId = agent(user);
    Recipients.Recipient awake = Recipients.awake(Clock.systemUTC());
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    var past =
        call(
            user,
            Map.of(
                "agent_id",
                agentId,
                "phone_number",
                awake.number(),
                "scheduled_at",
                "2020-01-01T09:00:00Z"),
            null);
    ZonedDateTime noonTomorrow =
        LocalDate.now(awake.zone()).plusDays(1).atTime(LocalTime.NOON).atZone(awake.zone());
    var later =
        call(
            user,
            Map.of(
                "agent_id",
                agentId,
                "phone_number",
                awake.number(),
                "scheduled_at",
                noonTomorrow.toOffsetDateTime().toString()),
            null);

    assertThat(past.status()).as(past.body()).isEqualTo(202);
    assertThat(Instant.parse(past.json().path("scheduled_for").asText()))
        .isBetween(before, Instant.now());
    assertThat(past.json().path("note").isMissingNode() || past.json().path("note").isNull())
        .as(past.body())
        .isTrue();
    assertThat(later.status()).as(later.body()).isEqualTo(202);
    assertThat(Instant.parse(later.json().path("scheduled_for").asText()))
        .isEqualTo(noonTomorrow.toInstant());
  }

  @Test
  void aDeactivatedAgentCallsNobody() {
    TestUser user = signup("inactive-agent");
    String agentId = agent(user);
    jdbc.sql("UPDATE agents SET is_active = false WHERE id = :id::uuid")
        .param("id", agentId)
        .update();

    var answer = call(user, Map.of("agent_id", agentId, "phone_number", "+14155550127"), null);

    assertThat(answer.status()).as(answer.body()).isEqualTo(409);
    assertThat(answer.json().path("detail").asText()).isEqualTo("The agent is deactivated");
    assertThat(requests(user.id())).isZero();
  }

  @Test
  void aContactWhoAskedNotToBeCalledAndANumberOnTheListAreRefused() {
    TestUser user = signup("do-not-call");
    String agentId = agent(user);
    String contactId =
        api.post(
                "/api/contacts",
                user.token(),
                Map.of("name", "Opted out", "phone_number", "+14155550128"))
            .json()
            .path("id")
            .asText();
    jdbc.sql("UPDATE contacts SET do_not_call = true WHERE id = :id::uuid")
        .param("id", contactId)
        .update();
    jdbc.sql(
            "INSERT INTO do_not_call_numbers (phone_number, user_id, source)"
                + " VALUES ('+14155550129', :u, 'manual')")
        .param("u", user.id())
        .update();

    var contact = call(user, Map.of("agent_id", agentId, "contact_id", contactId), null);
    var listed = call(user, Map.of("agent_id", agentId, "phone_number", "+14155550129"), null);

    assertThat(contact.status()).as(contact.body()).isEqualTo(409);
    assertThat(contact.json().path("detail").asText())
        .isEqualTo("The contact asked not to be called again");
    assertThat(listed.status()).as(listed.body()).isEqualTo(409);
    assertThat(listed.json().path("detail").asText())
        .isEqualTo("The number is on a do-not-call list");
    assertThat(requests(user.id())).isZero();
  }
}
