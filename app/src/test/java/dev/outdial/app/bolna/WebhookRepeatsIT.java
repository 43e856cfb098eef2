package dev.outdial.app.bolna;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.activities.testing.QueryPlan;
import dev.outdial.app.testing.ApiTestSupport;
import dev.outdial.workflows.call.ProviderStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A status Bolna repeats thousands of times costs one index probe per repeat, not one per row, and
 * a batch of statuses one probe each.
 */
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

    ProviderStatus repeated = new ProviderStatus(executionId, "completed");
    ProviderStatus neverSignalled = new ProviderStatus(never, "completed");
    ProviderStatus otherStatus = new ProviderStatus(executionId, "ringing");
    assertThat(
            inbox.alreadySignalled(
                List.of(repeated, neverSignalled, otherStatus), List.of(latest, unsignalled)))
        .containsExactly(repeated);

    List<ProviderStatus> batch = new ArrayList<>(List.of(repeated, neverSignalled, otherStatus));
    for (int i = 0; i < 200; i++) {
      batch.add(new ProviderStatus("exec-other-" + i, "completed"));
    }
    QueryPlan plan =
        QueryPlan.of(
            jdbc.sql("EXPLAIN (ANALYZE, FORMAT JSON) " + WebhookInboxRepository.ALREADY_SIGNALLED)
                .param(
                    "executionIds",
                    batch.stream().map(ProviderStatus::executionId).toArray(String[]::new))
                .param(
                    "statuses", batch.stream().map(ProviderStatus::status).toArray(String[]::new))
                .param("except", new String[] {latest.toString(), unsignalled.toString()})
                .query(String.class)
                .single());
    List<JsonNode> scans = plan.scansOf("webhook_events");
    assertThat(scans).as(plan.toString()).isNotEmpty();
    assertThat(scans)
        .as(plan.toString())
        .allSatisfy(
            scan ->
                assertThat(scan.path("Index Name").asText())
                    .isEqualTo("idx_webhook_events_signal_sent"));
    // Probed key by key, or the few signalled rows read once for a hash join (the planner picks by
    // how many there are): either way, none of the 10,000 repeats.
    assertThat(plan.rowsRead("webhook_events"))
        .as("rows of webhook_events read for %d keys, in%n%s", batch.size(), plan)
        .isLessThanOrEqualTo(batch.size());
  }
}
