package dev.outdial.app.bolna;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.bolna.BolnaExecution;
import dev.outdial.activities.call.CallRecords;
import dev.outdial.activities.dispatch.CallStarter;
import dev.outdial.activities.metrics.PlatformMetrics;
import dev.outdial.workflows.call.CallWorkflow;
import dev.outdial.workflows.call.ProviderStatus;
import dev.outdial.workflows.common.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves the call's lifecycle timestamps with each stored webhook, and hands a final status to the
 * workflow of its call, as a signal: the workflow waits for nothing else. A status that comes
 * before the call's row is recorded goes to the workflow too. A delivery that cannot be matched
 * yet, or whose signal fails, stays pending and is tried again with growing pauses; nothing is
 * dropped. An unknown inbound execution becomes a call of its own. The rows themselves are written
 * by their owner, {@link CallRecords}.
 */
@Component
public class WebhookProcessor {

  private static final Logger log = LoggerFactory.getLogger(WebhookProcessor.class);
  private static final Duration MAX_RETRY_PAUSE = Duration.ofMinutes(10);

  /** Longer than a signal takes even with Temporal slow; a lost claim costs this much delay. */
  private static final Duration SIGNAL_LEASE = Duration.ofMinutes(1);

  private final WebhookInboxRepository inbox;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final WorkflowClient temporal;
  private final CallRecords calls;
  private final CallStarter starter;
  private final Clock clock;

  public WebhookProcessor(
      WebhookInboxRepository inbox,
      JdbcClient jdbc,
      TransactionTemplate transaction,
      WorkflowClient temporal,
      CallStarter starter,
      ObjectMapper json,
      Clock clock) {
    this.clock = clock;
    this.inbox = inbox;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.temporal = temporal;
    this.starter = starter;
    this.calls = new CallRecords(jdbc, json);
  }

  /**
   * Processes the event if its turn has come and nobody else is at it. The database work happens in
   * one short transaction that ends by claiming the event; the signal is sent after it commits, so
   * neither a connection nor a row lock waits on Temporal.
   */
  public void process(UUID eventId) {
    transaction
        .execute(status -> inbox.lockDue(eventId).flatMap(this::prepareSignal))
        .ifPresent(this::signal);
  }

  /** A claimed event and the workflow its status goes to. */
  private record Claimed(WebhookInboxRepository.PendingEvent event, String workflowId) {}

  private Optional<Claimed> prepareSignal(WebhookInboxRepository.PendingEvent event) {
    if (event.executionId() == null || event.status() == null) {
      processed(event, "ignored", "ignored: no execution id or status");
      return Optional.empty();
    }
    try {
      boolean recorded = calls.moveLifecycle(event.executionId(), event.status());
      if (recorded && !new ProviderStatus(event.executionId(), event.status()).terminal()) {
        // The call's workflow waits for the final status alone; the way there is in its row.
        processed(event, "recorded", "recorded");
        return Optional.empty();
      }
      BolnaExecution payload = BolnaExecution.parse(event.payload());
      Optional<String> workflowId = workflowFor(event.executionId(), payload);
      if (workflowId.isEmpty() && payload.isInbound()) {
        workflowId = startInbound(payload);
      }
      if (workflowId.isEmpty()) {
        retryLater(
            event, "unmatched", "no call or workflow knows execution " + event.executionId());
        return Optional.empty();
      }
      if (inbox.alreadySignalled(event.executionId(), event.status(), event.id())) {
        processed(event, "duplicate", "duplicate");
        return Optional.empty();
      }
      inbox.claimForSignal(event.id(), SIGNAL_LEASE);
      return Optional.of(new Claimed(event, workflowId.get()));
    } catch (RuntimeException e) {
      log.warn("Webhook {} not processed yet: {}", event.id(), e.toString());
      retryLater(event, "error", e.toString());
      return Optional.empty();
    }
  }

  private void signal(Claimed claimed) {
    WebhookInboxRepository.PendingEvent event = claimed.event();
    try {
      temporal
          .newWorkflowStub(CallWorkflow.class, claimed.workflowId())
          .providerStatus(new ProviderStatus(event.executionId(), event.status()));
    } catch (WorkflowNotFoundException e) {
      // The call's workflow has finished: the status came after the end and changes nothing.
      processed(event, "late", "late: workflow closed");
      return;
    } catch (RuntimeException e) {
      log.warn("Webhook {} not signalled yet: {}", event.id(), e.toString());
      retryLater(event, "error", e.toString());
      return;
    }
    processed(event, "signalled", "signalled");
    log.debug(
        "Webhook {} ({} {}) signalled to {}",
        event.id(),
        event.executionId(),
        event.status(),
        claimed.workflowId());
  }

  /** Marks the delivery done; {@code kind} is its outcome as counted (a few fixed words). */
  private void processed(WebhookInboxRepository.PendingEvent event, String kind, String outcome) {
    inbox.markProcessed(event.id(), outcome);
    PlatformMetrics.webhookHandled(kind, true, sinceReceived(event));
  }

  private Duration sinceReceived(WebhookInboxRepository.PendingEvent event) {
    return event.receivedAt() == null
        ? Duration.ZERO
        : Duration.between(event.receivedAt().toInstant(), clock.instant());
  }

  private void retryLater(WebhookInboxRepository.PendingEvent event, String outcome, String error) {
    PlatformMetrics.webhookHandled(outcome, false, sinceReceived(event));
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
    return calls.isInbound(executionId)
        ? Optional.of(WorkflowIds.inboundCall(executionId))
        : Optional.empty();
  }

  /**
   * An inbound call Bolna reports on one of our agents: the call's owner records its row and the
   * caller's contact, and the call's workflow finalizes, bills and scores it like any other.
   */
  private Optional<String> startInbound(BolnaExecution payload) {
    Optional<CallRecords.Inbound> inbound = calls.recordInbound(payload);
    if (inbound.isEmpty()) {
      return Optional.empty();
    }
    CallRecords.Inbound call = inbound.get();
    String workflowId =
        starter.startInbound(call, payload.agentId(), payload.id(), payload.status());
    log.info(
        "Inbound call {} from {} on agent {}: workflow {}",
        payload.id(),
        call.caller(),
        call.agentId(),
        workflowId);
    return Optional.of(workflowId);
  }
}
