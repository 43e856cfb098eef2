package dev.outdial.app.call;

import dev.outdial.activities.dispatch.CallStarter;
import dev.outdial.app.temporal.RecoveryPass;
import dev.outdial.app.temporal.WorkerProperties;
import dev.outdial.app.temporal.WorkflowStatuses;
import dev.outdial.workflows.common.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds calls still {@code in_progress} that nobody follows: no queued item or one-off request
 * holds them any more, their news stopped, and the workflow that followed them is gone (inbound
 * calls included). Each gets a follower that asks Bolna and finalizes and bills the call, or closes
 * it as {@code unknown}, so no slot is held forever and no call ends as a guess.
 */
@Component
public class CallReaper {

  private static final Logger log = LoggerFactory.getLogger(CallReaper.class);

  private final JdbcClient jdbc;
  private final WorkflowClient temporal;
  private final WorkerProperties workers;
  private final CallStarter starter;
  private final CallSettings settings;
  private final Clock clock;

  public CallReaper(
      JdbcClient jdbc,
      WorkflowClient temporal,
      WorkerProperties workers,
      CallStarter starter,
      CallSettings settings,
      Clock clock) {
    this.jdbc = jdbc;
    this.temporal = temporal;
    this.workers = workers;
    this.starter = starter;
    this.settings = settings;
    this.clock = clock;
  }

  record Orphan(String bolnaExecutionId, String workflowId) {}

  @Scheduled(
      initialDelayString = "${outdial.calls.reaper-interval:60s}",
      fixedDelayString = "${outdial.calls.reaper-interval:60s}")
  public void reap() {
    if (!workers.enabled()) {
      return;
    }
    RecoveryPass.run(
        "calls nobody follows",
        () ->
            jdbc.sql(
                    """
                    SELECT c.bolna_execution_id, ca.workflow_id
                    FROM calls c
                    LEFT JOIN call_attempts ca ON ca.bolna_execution_id = c.bolna_execution_id
                    WHERE c.status = 'in_progress' AND c.updated_at < :quietSince
                      AND NOT EXISTS (SELECT 1 FROM call_queue q
                                      WHERE q.call_id = c.id AND q.status = 'processing')
                      AND NOT EXISTS (SELECT 1 FROM call_requests r
                                      WHERE r.call_id = c.id AND r.status = 'processing')
                    ORDER BY c.updated_at
                    LIMIT 100
                    """)
                .param(
                    "quietSince", Timestamp.from(clock.instant().minus(settings.noNewsTimeout())))
                .query(Orphan.class)
                .list(),
        Orphan::bolnaExecutionId,
        this::reap);
  }

  private void reap(Orphan orphan) {
    String follower = WorkflowIds.inboundCall(orphan.bolnaExecutionId());
    if ((orphan.workflowId() != null && running(orphan.workflowId())) || running(follower)) {
      return;
    }
    if (starter.startFollower(orphan.bolnaExecutionId())) {
      log.warn(
          "Call {} was in progress with nobody following it; asking Bolna how it ended",
          orphan.bolnaExecutionId());
    }
  }

  private boolean running(String workflowId) {
    return WorkflowStatuses.of(temporal, workflowId)
        .map(status -> status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
        .orElse(false);
  }
}
