package dev.outdial.app.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.ApiClient;
import dev.outdial.app.testing.ApiTestSupport;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What {@code POST /api/calls} queues: once per idempotency key, and only the caller's own. */
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
}
