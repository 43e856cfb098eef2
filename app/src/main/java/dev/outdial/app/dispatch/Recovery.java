package dev.outdial.app.dispatch;

import dev.outdial.activities.dispatch.CallStarter;
import dev.outdial.app.temporal.RecoveryPass;
import dev.outdial.app.temporal.WorkerProperties;
import dev.outdial.app.temporal.WorkflowStatuses;
import dev.outdial.workflows.common.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rebuilds from Postgres what Temporal lost (the embedded server keeps its state in memory): a
 * queue item still {@code processing} whose call workflow no longer exists gets its workflow again,
 * for the same attempt, so the placement is found in {@code call_attempts} (or looked up at Bolna)
 * and nobody is dialed twice. An item whose workflow ended without finishing it is started again
 * too: failing it would be a guess, while the attempt's own record says whether it was dialed.
 */
@Component
public class Recovery {

  private static final Logger log = LoggerFactory.getLogger(Recovery.class);

  private final JdbcClient jdbc;
  private final WorkflowClient temporal;
  private final WorkerProperties workers;
  private final CallStarter calls;

  public Recovery(
      JdbcClient jdbc, WorkflowClient temporal, WorkerProperties workers, CallStarter calls) {
    this.jdbc = jdbc;
    this.temporal = temporal;
    this.workers = workers;
    this.calls = calls;
  }

  @Scheduled(
      initialDelayString = "3s",
      fixedDelayString = "${outdial.dispatch.ensure-interval:30s}")
  public void recover() {
    if (!workers.enabled()) {
      return;
    }
    RecoveryPass.run(
        "queue items",
        () ->
            jdbc.sql(
                    """
                    SELECT id FROM call_queue
                    WHERE status = 'processing' AND started_at < now() - interval '5 seconds'
                    """)
                .query(UUID.class)
                .list(),
        item -> item,
        this::recover);
  }

  private void recover(UUID itemId) {
    String workflowId = WorkflowIds.campaignCall(itemId);
    WorkflowExecutionStatus status = WorkflowStatuses.of(temporal, workflowId).orElse(null);
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return;
    }
    // Gone, or closed without finishing this attempt (a start after a requeue that was lost, an
    // operator's termination): the attempt is followed again, never dialed twice, never guessed.
    if (calls.startCampaignItem(itemId)) {
      log.warn(
          "Queue item {} had no running call workflow ({}); started it again",
          itemId,
          status == null ? "none" : status);
    }
  }
}
