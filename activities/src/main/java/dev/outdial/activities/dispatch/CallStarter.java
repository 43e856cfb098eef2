package dev.outdial.activities.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.call.CallRecords;
import dev.outdial.workflows.call.CallRequest;
import dev.outdial.workflows.call.CallWorkflow;
import dev.outdial.workflows.call.ProviderStatus;
import dev.outdial.workflows.common.WorkflowIds;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Starts the call workflows of queued calls, for the attempt each has reached: a campaign item
 * ({@code call-<queueItemId>}) or a one-off call ({@code call-adhoc-<uuid>}), after allocation and
 * again when Temporal lost a running one, inbound calls with their first status, and followers of
 * calls nobody follows. The one place call workflows are started.
 *
 * <p>Id reuse is allowed on purpose ({@link WorkflowStarts}): a call that went back to its queue
 * (nobody answered, or the gate sent it back) is started again under the same id, for its next
 * attempt; the attempt key keeps each dial single. Starting one that is running starts nothing.
 */
public class CallStarter {

  private static final Logger log = LoggerFactory.getLogger(CallStarter.class);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final Supplier<WorkflowClient> temporal;
  private final Duration noNewsTimeout;
  private final Duration maxCallLength;
  private final ObjectMapper json;

  public CallStarter(
      JdbcClient jdbc,
      Supplier<WorkflowClient> temporal,
      Duration noNewsTimeout,
      Duration maxCallLength,
      ObjectMapper json) {
    this.jdbc = jdbc;
    this.temporal = temporal;
    this.noNewsTimeout = noNewsTimeout;
    this.maxCallLength = maxCallLength;
    this.json = json;
  }

  record ItemToCall(
      UUID id,
      UUID userId,
      UUID agentId,
      String bolnaAgentId,
      UUID contactId,
      UUID campaignId,
      String phoneNumber,
      String userData,
      int attempts,
      int maxAttempts,
      int retryDelayMinutes) {}

  /** Starts the campaign item's call workflow; false when it was running already. */
  public boolean startCampaignItem(UUID queueItemId) {
    ItemToCall item =
        jdbc.sql(
                """
                SELECT q.id, q.user_id, q.agent_id, a.bolna_agent_id, q.contact_id, q.campaign_id,
                       q.phone_number, q.user_data::text AS user_data, q.attempts,
                       c.max_attempts, c.retry_delay_minutes
                FROM call_queue q
                JOIN agents a ON a.id = q.agent_id
                JOIN call_campaigns c ON c.id = q.campaign_id
                WHERE q.id = :id
                """)
            .param("id", queueItemId)
            .query(ItemToCall.class)
            .single();
    return start(
        WorkflowIds.campaignCall(item.id()),
        new CallRequest(
            item.userId(),
            item.agentId(),
            item.bolnaAgentId(),
            item.contactId(),
            item.id(),
            item.campaignId(),
            item.phoneNumber(),
            strings(item.userData()),
            null,
            item.maxAttempts(),
            Duration.ofMinutes(item.retryDelayMinutes()),
            noNewsTimeout,
            item.attempts()));
  }

  record RequestToCall(
      String workflowId,
      UUID userId,
      UUID agentId,
      String bolnaAgentId,
      UUID contactId,
      String phoneNumber,
      String userData,
      int attempts,
      int maxAttempts,
      int retryDelaySeconds) {}

  /** Starts the one-off call's workflow for its request's attempt; false when it was running. */
  public boolean startOneOff(String workflowId) {
    RequestToCall request =
        jdbc.sql(
                """
                SELECT r.workflow_id, r.user_id, r.agent_id, a.bolna_agent_id, r.contact_id,
                       r.phone_number, r.user_data::text AS user_data, r.attempts, r.max_attempts,
                       r.retry_delay_seconds
                FROM call_requests r JOIN agents a ON a.id = r.agent_id
                WHERE r.workflow_id = :id
                """)
            .param("id", workflowId)
            .query(RequestToCall.class)
            .single();
    return start(
        workflowId,
        CallRequest.queuedOneOff(
            request.userId(),
            request.agentId(),
            request.bolnaAgentId(),
            request.contactId(),
            request.phoneNumber(),
            strings(request.userData()),
            request.maxAttempts(),
            Duration.ofSeconds(request.retryDelaySeconds()),
            noNewsTimeout,
            Math.max(1, request.attempts())));
  }

  record CallToFollow(
      UUID userId, UUID agentId, String bolnaAgentId, UUID contactId, String phoneNumber) {}

  /**
   * Starts a workflow that follows a call nobody follows any more ({@code
   * call-exec-<executionId>}): it asks Bolna at once and then until the maximum call length, and
   * finalizes, bills and scores the call, or closes it as unknown. It never dials. False when one
   * is running.
   */
  public boolean startFollower(String executionId) {
    CallToFollow call =
        jdbc.sql(
                """
                SELECT c.user_id, c.agent_id, a.bolna_agent_id, c.contact_id, c.phone_number
                FROM calls c JOIN agents a ON a.id = c.agent_id
                WHERE c.bolna_execution_id = :id
                """)
            .param("id", executionId)
            .query(CallToFollow.class)
            .single();
    return start(
        WorkflowIds.inboundCall(executionId),
        CallRequest.following(
            call.userId(),
            call.agentId(),
            call.bolnaAgentId(),
            call.contactId(),
            call.phoneNumber(),
            executionId,
            // Its news stopped long ago: ask Bolna now.
            Duration.ofSeconds(1)));
  }

  /**
   * Starts the workflow of an inbound call with its first status, or hands the status to it when it
   * runs already ({@code call-exec-<executionId>}).
   */
  public String startInbound(
      CallRecords.Inbound call, String bolnaAgentId, String executionId, String status) {
    String workflowId = WorkflowIds.inboundCall(executionId);
    CallWorkflow workflow = stub(workflowId);
    BatchRequest start = temporal.get().newSignalWithStartRequest();
    start.add(
        workflow::run,
        CallRequest.following(
                call.userId(),
                call.agentId(),
                bolnaAgentId,
                call.contactId(),
                call.caller(),
                executionId,
                noNewsTimeout)
            .withMaxCallLength(maxCallLength));
    start.add(workflow::providerStatus, new ProviderStatus(executionId, status));
    temporal.get().signalWithStart(start);
    return workflowId;
  }

  private CallWorkflow stub(String workflowId) {
    return WorkflowStarts.stub(temporal.get(), CallWorkflow.class, workflowId);
  }

  private boolean start(String workflowId, CallRequest request) {
    CallRequest followed = request.withMaxCallLength(maxCallLength);
    return WorkflowStarts.start(
        temporal.get(),
        CallWorkflow.class,
        workflowId,
        workflow -> WorkflowClient.start(workflow::run, followed));
  }

  private Map<String, String> strings(String userData) {
    Map<String, String> values = new LinkedHashMap<>();
    try {
      json.readValue(userData, MAP).forEach((key, value) -> values.put(key, String.valueOf(value)));
    } catch (JsonProcessingException e) {
      log.warn("A queued call's user_data is not a JSON object; calling without it");
    }
    return values;
  }
}
