package dev.outdial.activities.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.workflows.call.CallRequest;
import dev.outdial.workflows.call.CallWorkflow;
import dev.outdial.workflows.common.TaskQueues;
import dev.outdial.workflows.common.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Starts the call workflow ({@code call-<queueItemId>}) of a campaign queue item, for the attempt
 * the item has reached: after allocation, and again when Temporal lost a running one. Starting it
 * while it runs finds the running one and starts nothing.
 */
public class CampaignCallStarter {

  private static final Logger log = LoggerFactory.getLogger(CampaignCallStarter.class);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final Supplier<WorkflowClient> temporal;
  private final Duration noNewsTimeout;
  private final ObjectMapper json;

  public CampaignCallStarter(
      JdbcClient jdbc,
      Supplier<WorkflowClient> temporal,
      Duration noNewsTimeout,
      ObjectMapper json) {
    this.jdbc = jdbc;
    this.temporal = temporal;
    this.noNewsTimeout = noNewsTimeout;
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

  /** Starts the item's call workflow; false when it was running already. */
  public boolean start(UUID queueItemId) {
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
    CallWorkflow workflow =
        temporal
            .get()
            .newWorkflowStub(
                CallWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(WorkflowIds.campaignCall(item.id()))
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
              strings(item.userData()),
              null,
              item.maxAttempts(),
              Duration.ofMinutes(item.retryDelayMinutes()),
              noNewsTimeout,
              item.attempts()));
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }

  private Map<String, String> strings(String userData) {
    Map<String, String> values = new LinkedHashMap<>();
    try {
      json.readValue(userData, MAP).forEach((key, value) -> values.put(key, String.valueOf(value)));
    } catch (JsonProcessingException e) {
      log.warn("A queue item's user_data is not a JSON object; calling without it");
    }
    return values;
  }
}
