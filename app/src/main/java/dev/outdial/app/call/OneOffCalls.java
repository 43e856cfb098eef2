package dev.outdial.app.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.app.temporal.RecoveryPass;
import dev.outdial.app.temporal.WorkerProperties;
import dev.outdial.app.temporal.WorkflowStatuses;
import dev.outdial.workflows.call.CallRequest;
import dev.outdial.workflows.call.CallWorkflow;
import dev.outdial.workflows.common.TaskQueues;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * One-off calls: each accepted request is kept in {@code call_requests} until its workflow ends, so
 * a request whose workflow Temporal lost (the embedded server keeps its state in memory) is started
 * again for the attempt it had reached. That attempt's placement is then found in {@code
 * call_attempts} (or looked up at Bolna), so nobody is dialed twice.
 */
@Component
public class OneOffCalls {

  private static final Logger log = LoggerFactory.getLogger(OneOffCalls.class);
  private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final WorkflowClient temporal;
  private final WorkerProperties workers;
  private final CallSettings settings;
  private final ObjectMapper json;

  public OneOffCalls(
      JdbcClient jdbc,
      WorkflowClient temporal,
      WorkerProperties workers,
      CallSettings settings,
      ObjectMapper json) {
    this.jdbc = jdbc;
    this.temporal = temporal;
    this.workers = workers;
    this.settings = settings;
    this.json = json;
  }

  /** Records the request (a repeat of the same workflow id records nothing) and starts it. */
  public boolean start(String workflowId, CallRequest request) {
    jdbc.sql(
            """
            INSERT INTO call_requests (workflow_id, user_id, agent_id, contact_id, phone_number,
              user_data, max_attempts, retry_delay_seconds)
            VALUES (:workflowId, :userId, :agentId, :contactId, :phone, CAST(:userData AS jsonb),
                    :maxAttempts, :retryDelay)
            ON CONFLICT (workflow_id) DO NOTHING
            """)
        .param("workflowId", workflowId)
        .param("userId", request.userId())
        .param("agentId", request.agentId())
        .param("contactId", request.contactId())
        .param("phone", request.phoneNumber())
        .param("userData", write(request.userData()))
        .param("maxAttempts", request.maxAttempts())
        .param("retryDelay", request.retryDelay().toSeconds())
        .update();
    return startWorkflow(workflowId, request);
  }

  private boolean startWorkflow(String workflowId, CallRequest request) {
    CallWorkflow workflow =
        temporal.newWorkflowStub(
            CallWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.OUTDIAL)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(workflow::run, request);
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }

  record OpenRequest(
      String workflowId,
      UUID userId,
      UUID agentId,
      String bolnaAgentId,
      UUID contactId,
      String phoneNumber,
      String userData,
      int maxAttempts,
      int retryDelaySeconds,
      Integer lastAttempt) {}

  /** Open requests whose workflow is gone are started again; ones that ended unseen are closed. */
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
                    SELECT r.workflow_id, r.user_id, r.agent_id, a.bolna_agent_id, r.contact_id,
                           r.phone_number, r.user_data::text AS user_data, r.max_attempts,
                           r.retry_delay_seconds,
                           (SELECT max(substring(ca.attempt_key FROM '[0-9]+$')::int)
                            FROM call_attempts ca WHERE ca.workflow_id = r.workflow_id) AS last_attempt
                    FROM call_requests r JOIN agents a ON a.id = r.agent_id
                    WHERE r.ended_at IS NULL AND r.created_at < now() - interval '5 seconds'
                    ORDER BY r.created_at
                    LIMIT 500
                    """)
                .query(OpenRequest.class)
                .list(),
        OpenRequest::workflowId,
        this::recover);
  }

  private void recover(OpenRequest open) {
    Optional<WorkflowExecutionStatus> status = WorkflowStatuses.of(temporal, open.workflowId());
    if (status.isPresent()) {
      if (status.get() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        jdbc.sql("UPDATE call_requests SET ended_at = now() WHERE workflow_id = :id")
            .param("id", open.workflowId())
            .update();
        log.warn(
            "Call {} ended as {} without closing its request", open.workflowId(), status.get());
      }
      return;
    }
    int attempt = open.lastAttempt() == null ? 1 : open.lastAttempt();
    CallRequest request =
        new CallRequest(
            open.userId(),
            open.agentId(),
            open.bolnaAgentId(),
            open.contactId(),
            null,
            null,
            open.phoneNumber(),
            read(open.userData()),
            null,
            open.maxAttempts(),
            Duration.ofSeconds(open.retryDelaySeconds()),
            settings.noNewsTimeout(),
            attempt);
    if (startWorkflow(open.workflowId(), request)) {
      log.warn(
          "Call {} had lost its workflow; started it again at attempt {}",
          open.workflowId(),
          attempt);
    }
  }

  private String write(Map<String, String> userData) {
    try {
      return json.writeValueAsString(userData == null ? Map.of() : userData);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private Map<String, String> read(String userData) {
    try {
      return json.readValue(userData, STRINGS);
    } catch (JsonProcessingException e) {
      log.warn("A call request's user_data is not a JSON object of strings; calling without it");
      return Map.of();
    }
  }
}
