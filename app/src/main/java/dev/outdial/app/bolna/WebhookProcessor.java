package dev.outdial.app.bolna;

import dev.outdial.activities.bolna.BolnaExecution;
import dev.outdial.app.call.CallSettings;
import dev.outdial.workflows.call.CallRequest;
import dev.outdial.workflows.call.CallWorkflow;
import dev.outdial.workflows.call.ProviderStatus;
import dev.outdial.workflows.common.TaskQueues;
import dev.outdial.workflows.common.WorkflowIds;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands each stored webhook to the workflow of its call, as a signal, and moves the call's
 * lifecycle timestamps. A delivery that cannot be matched yet, or whose signal fails, stays pending
 * and is tried again with growing pauses; nothing is dropped. An unknown inbound execution becomes
 * a call of its own.
 */
@Component
public class WebhookProcessor {

  private static final Logger log = LoggerFactory.getLogger(WebhookProcessor.class);
  private static final Duration MAX_RETRY_PAUSE = Duration.ofMinutes(10);

  private final WebhookInboxRepository inbox;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final WorkflowClient temporal;
  private final CallSettings settings;

  public WebhookProcessor(
      WebhookInboxRepository inbox,
      JdbcClient jdbc,
      TransactionTemplate transaction,
      WorkflowClient temporal,
      CallSettings settings) {
    this.inbox = inbox;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.temporal = temporal;
    this.settings = settings;
  }

  /** Processes the event if it is still pending and nobody else is at it. */
  public void process(UUID eventId) {
    transaction.executeWithoutResult(
        status -> inbox.lockPending(eventId).ifPresent(this::processLocked));
  }

  private void processLocked(WebhookInboxRepository.PendingEvent event) {
    if (event.executionId() == null || event.status() == null) {
      inbox.markProcessed(event.id(), "ignored: no execution id or status");
      return;
    }
    BolnaExecution payload = BolnaExecution.parse(event.payload());
    try {
      moveLifecycle(event, payload);
      Optional<String> workflowId = workflowFor(event.executionId(), payload);
      if (workflowId.isEmpty() && payload.isInbound()) {
        workflowId = startInbound(payload);
      }
      if (workflowId.isEmpty()) {
        retryLater(
            event, "unmatched", "no call or workflow knows execution " + event.executionId());
        return;
      }
      if (inbox.alreadySignalled(event.executionId(), event.status(), event.id())) {
        inbox.markProcessed(event.id(), "duplicate");
        return;
      }
      temporal
          .newWorkflowStub(CallWorkflow.class, workflowId.get())
          .providerStatus(new ProviderStatus(event.executionId(), event.status()));
      inbox.markProcessed(event.id(), "signalled");
      log.debug(
          "Webhook {} ({} {}) signalled to {}",
          event.id(),
          event.executionId(),
          event.status(),
          workflowId.get());
    } catch (WorkflowNotFoundException e) {
      // The call's workflow has finished: the status came after the end and changes nothing.
      inbox.markProcessed(event.id(), "late: workflow closed");
    } catch (RuntimeException e) {
      log.warn("Webhook {} not processed yet: {}", event.id(), e.toString());
      retryLater(event, "error", e.toString());
    }
  }

  private void retryLater(WebhookInboxRepository.PendingEvent event, String outcome, String error) {
    long seconds = Math.min(MAX_RETRY_PAUSE.toSeconds(), 1L << Math.min(event.attempts(), 10));
    inbox.markRetry(event.id(), outcome, error, Duration.ofSeconds(seconds));
  }

  private Optional<String> workflowFor(String executionId, BolnaExecution payload) {
    Optional<String> known =
        jdbc.sql("SELECT workflow_id FROM call_attempts WHERE bolna_execution_id = :id")
            .param("id", executionId)
            .query(String.class)
            .optional();
    if (known.isPresent()) {
      return known;
    }
    Object fromUserData = payload.recipientData().get("outdial_workflow_id");
    if (fromUserData != null) {
      return Optional.of(fromUserData.toString());
    }
    boolean inboundCall =
        jdbc.sql(
                    "SELECT count(*) FROM calls WHERE bolna_execution_id = :id AND lead_type = 'inbound'")
                .param("id", executionId)
                .query(Integer.class)
                .single()
            > 0;
    return inboundCall ? Optional.of(WorkflowIds.inboundCall(executionId)) : Optional.empty();
  }

  /** Statuses move forward only: a late ringing never undoes an answered or finished call. */
  private void moveLifecycle(WebhookInboxRepository.PendingEvent event, BolnaExecution payload) {
    String column =
        switch (event.status()) {
          case "ringing" -> "ringing_started_at";
          case "in-progress" -> "call_answered_at";
          case "call-disconnected" -> "call_disconnected_at";
          default -> null;
        };
    jdbc.sql(
            "UPDATE calls SET "
                + (column == null ? "" : column + " = COALESCE(" + column + ", now()), ")
                + """
                  call_lifecycle_status = CASE
                    WHEN status = 'in_progress' AND :rank > COALESCE(
                      array_position(ARRAY['queued','initiated','ringing','in-progress',
                                           'call-disconnected'], call_lifecycle_status), 0)
                    THEN :status ELSE call_lifecycle_status END,
                  updated_at = now()
                WHERE bolna_execution_id = :executionId
                """)
        .param("rank", rank(event.status()))
        .param("status", event.status())
        .param("executionId", event.executionId())
        .update();
  }

  private static int rank(String status) {
    return switch (status) {
      case "queued" -> 1;
      case "initiated" -> 2;
      case "ringing" -> 3;
      case "in-progress" -> 4;
      case "call-disconnected" -> 5;
      default -> 0;
    };
  }

  record AgentOwner(UUID id, UUID userId) {}

  /**
   * An inbound call Bolna reports on one of our agents: the call row and the caller's contact are
   * made here (the contact found by number, or created from the webhook), and the call's workflow
   * finalizes, bills and scores it like any other.
   */
  private Optional<String> startInbound(BolnaExecution payload) {
    Optional<AgentOwner> agent =
        jdbc.sql("SELECT id, user_id FROM agents WHERE bolna_agent_id = :bolnaId LIMIT 1")
            .param("bolnaId", payload.agentId())
            .query(AgentOwner.class)
            .optional();
    if (agent.isEmpty()) {
      return Optional.empty();
    }
    String caller =
        Optional.ofNullable(payload.telephony().fromNumber()).orElse(payload.userNumber());
    if (caller == null) {
      return Optional.empty();
    }
    // Calls through a telephony provider come from a phone; web and websocket calls do not.
    String provider = payload.telephony().provider();
    String callSource =
        provider == null || provider.matches("(?i)web|websocket|webrtc|browser|internet")
            ? (provider == null ? "unknown" : "internet")
            : "phone";
    UUID callId =
        jdbc.sql(
                """
                INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number, call_source,
                                   lead_type, status, call_lifecycle_status)
                VALUES (:agentId, :userId, :executionId, :phone, :source, 'inbound', 'in_progress',
                        :status)
                ON CONFLICT (bolna_execution_id) DO UPDATE SET updated_at = now()
                RETURNING id
                """)
            .param("agentId", agent.get().id())
            .param("userId", agent.get().userId())
            .param("executionId", payload.id())
            .param("phone", caller)
            .param("source", callSource)
            .param("status", payload.status())
            .query(UUID.class)
            .single();
    UUID contactId = contactFor(agent.get().userId(), caller, callId, payload);
    jdbc.sql("UPDATE calls SET contact_id = :contactId WHERE id = :id AND contact_id IS NULL")
        .param("contactId", contactId)
        .param("id", callId)
        .update();
    String workflowId = WorkflowIds.inboundCall(payload.id());
    CallWorkflow workflow =
        temporal.newWorkflowStub(
            CallWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.OUTDIAL)
                .build());
    BatchRequest start = temporal.newSignalWithStartRequest();
    start.add(
        workflow::run,
        new CallRequest(
            agent.get().userId(),
            agent.get().id(),
            payload.agentId(),
            contactId,
            null,
            null,
            caller,
            Map.of(),
            payload.id(),
            1,
            Duration.ZERO,
            settings.noNewsTimeout(),
            1));
    start.add(workflow::providerStatus, new ProviderStatus(payload.id(), payload.status()));
    temporal.signalWithStart(start);
    log.info(
        "Inbound call {} from {} on agent {}: workflow {}",
        payload.id(),
        caller,
        agent.get().id(),
        workflowId);
    return Optional.of(workflowId);
  }

  private UUID contactFor(UUID userId, String caller, UUID callId, BolnaExecution payload) {
    String name =
        payload.extractedData() != null && payload.extractedData().path("name").isTextual()
            ? payload.extractedData().path("name").asText()
            : "Caller " + caller;
    return jdbc.sql(
            """
            INSERT INTO contacts (user_id, name, phone_number, is_auto_created,
                                  auto_created_from_call_id, auto_creation_source)
            VALUES (:userId, :name, :phone, true, :callId, 'webhook')
            ON CONFLICT (user_id, phone_number) DO UPDATE SET updated_at = contacts.updated_at
            RETURNING id
            """)
        .param("userId", userId)
        .param("name", name)
        .param("phone", caller)
        .param("callId", callId)
        .query(UUID.class)
        .single();
  }
}
