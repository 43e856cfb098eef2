package dev.outdial.app.bolna;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.ApiClient.Answer;
import dev.outdial.app.testing.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class BolnaWebhookIT extends ApiTestSupport {

  @Autowired WebhookSecret secret;

  private static String execution(String id, String status) {
    return """
        {"id": "%s", "agent_id": "agent-1", "status": "%s", "conversation_duration": 0,
         "telephony_data": {"duration": "0", "call_type": "outbound"},
         "context_details": {"recipient_data": {"queue_item_id": "q-1"}}}
        """
        .formatted(id, status);
  }

  private Answer deliver(String body, String query, Map<String, String> headers) {
    return api.send("POST", "/webhooks/bolna" + query, null, body, headers);
  }

  private int rowsFor(String executionId) {
    return jdbc.sql("SELECT count(*) FROM webhook_events WHERE execution_id = :id")
        .param("id", executionId)
        .query(Integer.class)
        .single();
  }

  @Test
  void aDeliveryWithTheSecretIsStoredRawBeforeTheAnswer() {
    String executionId = UUID.randomUUID().toString();

    var byQuery = deliver(execution(executionId, "ringing"), "?token=" + secret.value(), Map.of());
    var byHeader =
        deliver(
            execution(executionId, "in-progress"),
            "",
            Map.of("X-Outdial-Webhook-Token", secret.value()));

    assertThat(byQuery.status()).isEqualTo(200);
    assertThat(byHeader.status()).isEqualTo(200);
    // A machine's request: the security headers, and no session.
    assertThat(byQuery.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(byQuery.header("Set-Cookie")).isNull();
    assertThat(rowsFor(executionId)).isEqualTo(2);
    var row =
        jdbc.sql(
                "SELECT status, payload->'context_details'->'recipient_data'->>'queue_item_id'"
                    + " AS item, received_at IS NOT NULL AS received, processed_at IS NULL AS pending"
                    + " FROM webhook_events WHERE id = :id")
            .param("id", UUID.fromString(byQuery.json().path("event_id").asText()))
            .query()
            .singleRow();
    assertThat(row)
        .containsEntry("status", "ringing")
        .containsEntry("item", "q-1")
        .containsEntry("received", true)
        .containsEntry("pending", true);
  }

  @Test
  void aMissingOrWrongSecretIsUnauthorizedAndStoresNothing() {
    String executionId = UUID.randomUUID().toString();

    var missing = deliver(execution(executionId, "ringing"), "", Map.of());
    var wrong = deliver(execution(executionId, "ringing"), "?token=guess", Map.of());
    var wrongHeader =
        deliver(execution(executionId, "ringing"), "", Map.of("X-Outdial-Webhook-Token", "guess"));

    assertThat(missing.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrongHeader.status()).isEqualTo(401);
    assertThat(rowsFor(executionId)).isZero();
  }

  @Test
  void malformedJsonIsABadRequestButIsKeptForDebugging() {
    String marker = "broken-" + UUID.randomUUID();

    var answer = deliver("{\"id\": \"" + marker + "\", ", "?token=" + secret.value(), Map.of());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(
            jdbc.sql(
                    "SELECT outcome FROM webhook_events WHERE raw_body LIKE :marker AND payload IS NULL")
                .param("marker", "%" + marker + "%")
                .query(String.class)
                .single())
        .isEqualTo("malformed");
  }

  @Test
  void aNulInTheExecutionIsKeptAsAReplacementCharacterNotRefusedForever() {
    String executionId = UUID.randomUUID().toString();
    String body =
        execution(executionId, "completed")
            .replace(
                "\"conversation_duration\"",
                "\"transcript\": \"user: hel\\u0000lo\", \"k\\u0000ey\": [\"\\u0000\"],"
                    + " \"conversation_duration\"");

    var answer = deliver(body, "?token=" + secret.value(), Map.of());

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    var row =
        jdbc.sql(
                "SELECT status, payload->>'transcript' AS transcript, payload->'k\uFFFDey' IS NOT NULL AS key"
                    + " FROM webhook_events WHERE execution_id = :id")
            .param("id", executionId)
            .query()
            .singleRow();
    assertThat(row)
        .containsEntry("status", "completed")
        .containsEntry("transcript", "user: hel\uFFFDlo")
        .containsEntry("key", true);
  }

  @Test
  void anOversizedBodyIsRefused() {
    String huge = "{\"id\": \"x\", \"pad\": \"" + "a".repeat(1_100_000) + "\"}";

    var answer = deliver(huge, "?token=" + secret.value(), Map.of());

    assertThat(answer.status()).isEqualTo(413);
  }

  @Test
  void aThousandConcurrentDeliveriesAreAllStored() throws Exception {
    String executionPrefix = "burst-" + UUID.randomUUID() + "-";
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Callable<Integer>> deliveries = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      String body = execution(executionPrefix + (i % 100), i % 2 == 0 ? "ringing" : "completed");
      deliveries.add(() -> deliver(body, "?token=" + secret.value(), Map.of()).status());
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> status : pool.invokeAll(deliveries)) {
      statuses.add(status.get());
    }
    pool.shutdown();

    assertThat(statuses).hasSize(1000).containsOnly(200);
    assertThat(
            jdbc.sql("SELECT count(*) FROM webhook_events WHERE execution_id LIKE :prefix")
                .param("prefix", executionPrefix + "%")
                .query(Integer.class)
                .single())
        .isEqualTo(1000);
  }

  @Test
  void theGeneratedSecretIsKeptInTheDatabaseSoWebhookUrlsSurviveRestarts() {
    assertThat(secret.value()).hasSizeGreaterThanOrEqualTo(32);
    assertThat(
            jdbc.sql("SELECT value #>> '{}' FROM system_config WHERE key = 'bolna_webhook_secret'")
                .query(String.class)
                .single())
        .isEqualTo(secret.value());
  }
}
