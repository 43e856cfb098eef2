package dev.outdial.app.dispatch;

import dev.outdial.app.call.CallSettings;
import dev.outdial.app.temporal.WorkerProperties;
import dev.outdial.workflows.call.CallRequest;
import dev.outdial.workflows.call.CallWorkflow;
import dev.outdial.workflows.common.TaskQueues;
import dev.outdial.workflows.common.WorkflowIds;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * and nobody is dialed twice. An item whose workflow ended without finishing it is failed with a
 * reason, so its slot is not held forever.
 */
@Component
public class Recovery {

  private static final Logger log = LoggerFactory.getLogger(Recovery.class);

  private final JdbcClient jdbc;
  private final WorkflowClient temporal;
  private final WorkerProperties workers;
  private final CallSettings settings;

  public Recovery(
      JdbcClient jdbc, WorkflowClient temporal, WorkerProperties workers, CallSettings settings) {
    this.jdbc = jdbc;
    this.temporal = temporal;
    this.workers = workers;
    this.settings = settings;
  }

  record ProcessingItem(
      UUID id,
      UUID userId,
      UUID agentId,
      String bolnaAgentId,
      UUID contactId,
      UUID campaignId,
      String phoneNumber,
      String contactName,
      int attempts,
      int maxAttempts,
      int retryDelayMinutes) {}

  @Scheduled(
      initialDelayString = "3s",
      fixedDelayString = "${outdial.dispatch.ensure-interval:30s}")
  public void recover() {
    if (!workers.enabled()) {
      return;
    }
    List<ProcessingItem> items;
    try {
      items =
          jdbc.sql(
                  """
                  SELECT q.id, q.user_id, q.agent_id, a.bolna_agent_id, q.contact_id, q.campaign_id,
                         q.phone_number, q.contact_name, q.attempts, c.max_attempts,
                         c.retry_delay_minutes
                  FROM call_queue q
                  JOIN agents a ON a.id = q.agent_id
                  JOIN call_campaigns c ON c.id = q.campaign_id
                  WHERE q.status = 'processing' AND q.started_at < now() - interval '5 seconds'
                  """)
              .query(ProcessingItem.class)
              .list();
    } catch (RuntimeException e) {
      log.warn("Recovery skipped: {}", e.getMessage());
      return;
    }
    for (ProcessingItem item : items) {
      try {
        recover(item);
      } catch (RuntimeException e) {
        log.warn("Queue item {} not recovered yet: {}", item.id(), e.getMessage());
      }
    }
  }

  private void recover(ProcessingItem item) {
    String workflowId = WorkflowIds.campaignCall(item.id());
    WorkflowExecutionStatus status;
    try {
      status =
          temporal
              .newUntypedWorkflowStub(workflowId)
              .describe()
              .getWorkflowExecutionInfo()
              .getStatus();
    } catch (WorkflowNotFoundException e) {
      status = null;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw e;
      }
      status = null;
    }
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return;
    }
    if (status != null) {
      jdbc.sql(
              """
              UPDATE call_queue SET status = 'failed', completed_at = now(), updated_at = now(),
                failure_reason = :reason
              WHERE id = :id AND status = 'processing'
              """)
          .param("reason", "the call's workflow ended without finishing it (" + status + ")")
          .param("id", item.id())
          .update();
      log.warn("Queue item {} failed: its workflow ended as {}", item.id(), status);
      return;
    }
    Map<String, String> userData = new LinkedHashMap<>();
    userData.put("name", item.contactName() == null ? item.phoneNumber() : item.contactName());
    CallWorkflow workflow =
        temporal.newWorkflowStub(
            CallWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.OUTDIAL)
                .build());
    try {
      WorkflowClient.start(
          workflow::run,
          new CallRequest(
              item.userId(),
              item.agentId(),
              item.bolnaAgentId(),
              item.contactId(),
              item.id(),
              item.campaignId(),
              item.phoneNumber(),
              userData,
              null,
              item.maxAttempts(),
              Duration.ofMinutes(item.retryDelayMinutes()),
              settings.noNewsTimeout(),
              item.attempts()));
      log.warn(
          "Queue item {} had lost its call workflow; started it again for attempt {}",
          item.id(),
          item.attempts());
    } catch (WorkflowExecutionAlreadyStarted e) {
      // Another node recovered it first.
    }
  }
}
