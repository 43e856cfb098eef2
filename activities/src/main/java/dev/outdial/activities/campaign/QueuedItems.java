package dev.outdial.activities.campaign;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What happens to a campaign's items still waiting in the queue. */
public final class QueuedItems {

  private QueuedItems() {}

  /** Cancels the campaign's queued items, with the reason; calls in progress are left to end. */
  public static int cancel(JdbcClient jdbc, UUID campaignId) {
    return jdbc.sql(
            """
            UPDATE call_queue SET status = 'cancelled', completed_at = now(), updated_at = now(),
              failure_reason = 'the campaign was cancelled'
            WHERE campaign_id = :id AND status = 'queued'
            """)
        .param("id", campaignId)
        .update();
  }
}
