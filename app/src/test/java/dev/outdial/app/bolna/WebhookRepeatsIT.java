package dev.outdial.app.bolna;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.app.testing.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A status Bolna repeats thousands of times costs one index probe per repeat, not one per row. */
class WebhookRepeatsIT extends ApiTestSupport {

  @Autowired WebhookInboxRepository inbox;

  private UUID event(String executionId, String outcome) {
    return jdbc.sql(
            """
            INSERT INTO webhook_events (execution_id, status, raw_body, processed_at, outcome)
            VALUES (:e, 'completed', '{}', now(), :outcome)
            RETURNING id
            """)
        .param("e", executionId)
        .param("outcome", outcome)
        .query(UUID.class)
        .single();
  }

  @Test
  void theTenThousandthRepeatReadsOneIndexEntryLikeTheSecond() throws Exception {
    String executionId = "exec-repeated-" + UUID.randomUUID();
    event(executionId, "signalled");
    jdbc.sql(
            """
            INSERT INTO webhook_events (execution_id, status, raw_body, processed_at, outcome)
            SELECT :e, 'completed', '{}', now(), 'duplicate' FROM generate_series(1, 10000)
            """)
        .param("e", executionId)
        .update();
    UUID latest = event(executionId, null);
    String never = "exec-never-" + UUID.randomUUID();
    UUID unsignalled = event(never, null);
    jdbc.sql("ANALYZE webhook_events").update();

    assertThat(inbox.alreadySignalled(executionId, "completed", latest)).isTrue();
    assertThat(inbox.alreadySignalled(never, "completed", unsignalled)).isFalse();
    assertThat(inbox.alreadySignalled(executionId, "ringing", latest)).isFalse();

    String plan =
        jdbc.sql("EXPLAIN (ANALYZE, FORMAT JSON) " + WebhookInboxRepository.ALREADY_SIGNALLED)
            .param("executionId", executionId)
            .param("status", "completed")
            .param("except", latest)
            .query(String.class)
            .single();
    List<JsonNode> scans = new ArrayList<>();
    collectScans(new ObjectMapper().readTree(plan).get(0).path("Plan"), scans);
    assertThat(scans).as(plan).isNotEmpty();
    assertThat(scans)
        .as(plan)
        .allSatisfy(
            scan -> {
              assertThat(scan.path("Index Name").asText())
                  .isEqualTo("idx_webhook_events_signalled");
              assertThat(scan.path("Actual Rows").asLong()).isLessThanOrEqualTo(1);
            });
  }

  private static void collectScans(JsonNode node, List<JsonNode> scans) {
    if (node.path("Relation Name").asText().equals("webhook_events")) {
      scans.add(node);
    }
    node.path("Plans").forEach(child -> collectScans(child, scans));
  }
}
