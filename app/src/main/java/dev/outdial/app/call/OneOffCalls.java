package dev.outdial.app.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.call.OneOffQueue;
import dev.outdial.activities.dispatch.CallStarter;
import dev.outdial.app.temporal.RecoveryPass;
import dev.outdial.app.temporal.TemporalConnection;
import dev.outdial.app.temporal.WorkerProperties;
import dev.outdial.app.temporal.WorkflowStatuses;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * One-off calls wait in {@code call_requests}, their queue, until the allocator gives them a slot
 * under the same limits and turns as campaign items; the dispatcher then starts their workflow. A
 * request whose workflow Temporal lost (the embedded server keeps its state in memory) is started
 * again for the attempt it had reached; that attempt's placement is found in {@code call_attempts}
 * (or looked up at Bolna), so nobody is dialed twice.
 */
@Component
public class OneOffCalls {

  private static final Logger log = LoggerFactory.getLogger(OneOffCalls.class);

  private final JdbcClient jdbc;
  private final WorkflowClient temporal;
  private final WorkerProperties workers;
  private final CallStarter starter;
  private final ObjectMapper json;
  private final TemporalConnection temporalProperties;
  private final OneOffQueue queue;

  public OneOffCalls(
      JdbcClient jdbc,
      WorkflowClient temporal,
      WorkerProperties workers,
      CallStarter starter,
      ObjectMapper json,
      TemporalConnection temporalProperties) {
    this.temporalProperties = temporalProperties;
    this.jdbc = jdbc;
    this.temporal = temporal;
    this.workers = workers;
    this.starter = starter;
    this.json = json;
    this.queue = new OneOffQueue(jdbc);
  }

  /** Queues the request; false when a request of that workflow id was queued before. */
  public boolean enqueue(
      String workflowId,
      UUID userId,
      UUID agentId,
      UUID contactId,
      String phoneNumber,
      Map<String, String> userData,
      int maxAttempts,
      Duration retryDelay,
      Instant scheduledFor,
      String note) {
    return queue.enqueue(
        workflowId,
        userId,
        agentId,
        contactId,
        phoneNumber,
        write(userData),
        maxAttempts,
        retryDelay.toSeconds(),
        scheduledFor,
        note);
  }

  record RequestRow(
      String workflowId,
      UUID contactId,
      String phoneNumber,
      String status,
      Timestamp scheduledFor,
      String failureReason) {}

  /** The request as the API shows it. */
  public Optional<StartedCall> find(String workflowId) {
    return jdbc.sql(
            """
            SELECT workflow_id, contact_id, phone_number, status, scheduled_for, failure_reason
            FROM call_requests WHERE workflow_id = :id
            """)
        .param("id", workflowId)
        .query(RequestRow.class)
        .optional()
        .map(
            row ->
                new StartedCall(
                    row.workflowId(),
                    row.contactId(),
                    row.phoneNumber(),
                    "processing".equals(row.status()) ? "in_progress" : row.status(),
                    row.scheduledFor().toInstant(),
                    row.failureReason(),
                    temporalProperties.workflowUrl(row.workflowId())));
  }

  /** Requests given a slot whose workflow is gone are started again, for the same attempt. */
  @Scheduled(
      initialDelayString = "3s",
      fixedDelayString = "${outdial.dispatch.ensure-interval:30s}")
  public void recover() {
    if (!workers.enabled()) {
      return;
    }
    RecoveryPass.run(
        "one-off calls",
        () ->
            jdbc.sql(
                    """
                    SELECT workflow_id FROM call_requests
                    WHERE status = 'processing' AND started_at < now() - interval '5 seconds'
                    ORDER BY started_at
                    LIMIT 500
                    """)
                .query(String.class)
                .list(),
        id -> id,
        this::recover);
  }

  private void recover(String workflowId) {
    Optional<WorkflowExecutionStatus> status = WorkflowStatuses.of(temporal, workflowId);
    if (status.isPresent()
        && status.get() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return;
    }
    // Gone, or closed without finishing this attempt (it was started again after a retry and the
    // start was lost): the attempt is followed again, never dialed twice.
    if (starter.startOneOff(workflowId)) {
      log.warn(
          "Call {} had no running workflow ({}); started it again for its attempt",
          workflowId,
          status.map(Enum::name).orElse("none"));
    }
  }

  private String write(Map<String, String> userData) {
    try {
      return json.writeValueAsString(userData == null ? Map.of() : userData);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
