package dev.outdial.app.bolna;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.bolna.BolnaExecution;
import dev.outdial.activities.call.CallRecords;
import dev.outdial.activities.call.CallRecords.RecordedCalls;
import dev.outdial.activities.dispatch.CallStarter;
import dev.outdial.activities.metrics.PlatformMetrics;
import dev.outdial.app.bolna.WebhookInboxRepository.PendingEvent;
import dev.outdial.app.bolna.WebhookInboxRepository.Settlement;
import dev.outdial.app.database.HotPathJdbc;
import dev.outdial.workflows.call.CallWorkflow;
import dev.outdial.workflows.call.ProviderStatus;
import dev.outdial.workflows.common.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves the call's lifecycle timestamps with each stored webhook, and hands a final status to the
 * workflow of its call, as a signal: the workflow waits for nothing else. A status that comes
 * before the call's row is recorded goes to the workflow too. A delivery that cannot be matched
 * yet, or whose signal fails, stays pending and is tried again with growing pauses; nothing is
 * dropped. An unknown inbound execution becomes a call of its own. The rows themselves are written
 * by their owner, {@link CallRecords}.
 *
 * <p>Events are worked in batches: one short transaction locks them, moves their calls' lifecycles,
 * routes them, sets repeats aside and claims the rest for their signals, in a handful of statements
 * whatever the batch's size; the signals go out after it commits, each workflow's in the order its
 * events arrived, and one more statement records how they went.
 */
@Component
public class WebhookProcessor implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(WebhookProcessor.class);
  private static final Duration MAX_RETRY_PAUSE = Duration.ofMinutes(10);

  /** Longer than a batch's signals take even with Temporal slow; a lost claim costs this delay. */
  private static final Duration SIGNAL_LEASE = Duration.ofMinutes(1);

  private final WebhookInboxRepository inbox;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final WorkflowClient temporal;
  private final CallRecords calls;
  private final CallStarter starter;
  private final Clock clock;
  private final Executor signals;

  /**
   * @param signalThreads signals sent at once; each waits mostly on Temporal, holding no database
   *     connection meanwhile ({@code outdial.bolna.webhook.processing-threads})
   */
  @Autowired
  public WebhookProcessor(
      WebhookInboxRepository inbox,
      HotPathJdbc hotPath,
      TransactionTemplate transaction,
      WorkflowClient temporal,
      CallStarter starter,
      ObjectMapper json,
      Clock clock,
      @Value("${outdial.bolna.webhook.processing-threads:8}") int signalThreads) {
    this(
        inbox,
        hotPath.jdbc(),
        transaction,
        temporal,
        starter,
        json,
        clock,
        signalSenders(signalThreads));
  }

  /**
   * @param signals runs the signals of a batch, one task per workflow
   */
  WebhookProcessor(
      WebhookInboxRepository inbox,
      JdbcClient jdbc,
      TransactionTemplate transaction,
      WorkflowClient temporal,
      CallStarter starter,
      ObjectMapper json,
      Clock clock,
      Executor signals) {
    this.clock = clock;
    this.inbox = inbox;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.temporal = temporal;
    this.starter = starter;
    this.signals = signals;
    this.calls = new CallRecords(jdbc, json);
  }

  private static ThreadPoolTaskExecutor signalSenders(int threads) {
    ThreadPoolTaskExecutor senders = new ThreadPoolTaskExecutor();
    senders.setCorePoolSize(threads);
    senders.setMaxPoolSize(threads);
    senders.setThreadNamePrefix("webhook-signal-");
    senders.setDaemon(true);
    // A batch being signalled when the app stops is let finish; what is left, the lease gives back.
    senders.setWaitForTasksToCompleteOnShutdown(true);
    senders.setAwaitTerminationSeconds(10);
    senders.initialize();
    return senders;
  }

  @Override
  public void destroy() {
    if (signals instanceof ThreadPoolTaskExecutor senders) {
      senders.shutdown();
    }
  }

  /** Processes the event if its turn has come and nobody else is at it. */
  public void process(UUID eventId) {
    process(List.of(eventId));
  }

  /**
   * Processes those of the events whose turn has come and that nobody else is at, oldest first. No
   * connection or row lock is held while Temporal answers. Should the batch fail as a whole (a
   * statement or a collaborator refusing one event), each event is processed on its own, so one bad
   * event holds back no other.
   */
  public void process(List<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return;
    }
    List<Claimed> claimed;
    try {
      claimed = transaction.execute(status -> prepare(inbox.lockDue(eventIds)));
    } catch (RuntimeException failure) {
      if (eventIds.size() > 1) {
        log.warn(
            "A batch of {} webhooks failed ({}); processing each on its own",
            eventIds.size(),
            failure.toString());
        eventIds.forEach(this::process);
      } else {
        retryAfterFailure(eventIds, failure);
      }
      return;
    }
    if (claimed != null && !claimed.isEmpty()) {
      inbox.settle(signal(claimed));
    }
  }

  /** A claimed event and the workflow its status goes to. */
  private record Claimed(PendingEvent event, ProviderStatus status, String workflowId) {}

  /** An event whose workflow is known, unless its status was signalled already. */
  private record Routed(PendingEvent event, ProviderStatus status, String workflowId) {}

  private List<Claimed> prepare(List<PendingEvent> events) {
    List<Settlement> settled = new ArrayList<>();
    List<PendingEvent> reported = new ArrayList<>();
    for (PendingEvent event : events) {
      if (event.executionId() == null || event.status() == null) {
        settled.add(processed(event, "ignored", "ignored: no execution id or status"));
      } else {
        reported.add(event);
      }
    }
    List<Routed> routed = route(reported, settled);
    Set<ProviderStatus> sent =
        inbox.alreadySignalled(
            new LinkedHashSet<>(routed.stream().map(Routed::status).toList()),
            events.stream().map(PendingEvent::id).toList());
    List<Claimed> claimed = new ArrayList<>();
    for (Routed event : routed) {
      // A repeat within the batch counts too: the first of them is the one signalled.
      if (!sent.add(event.status())) {
        settled.add(processed(event.event(), "duplicate", "duplicate"));
      } else {
        settled.add(Settlement.claimedForSignal(event.event().id(), SIGNAL_LEASE));
        claimed.add(new Claimed(event.event(), event.status(), event.workflowId()));
      }
    }
    inbox.settle(settled);
    return claimed;
  }

  /**
   * Moves the recorded calls' lifecycles and finds each other event's workflow, in the order the
   * events came, as processing them one at a time would.
   */
  private List<Routed> route(List<PendingEvent> events, List<Settlement> settled) {
    if (events.isEmpty()) {
      return List.of();
    }
    RecordedCalls recorded =
        calls.moveLifecycles(
            events.stream().map(e -> new ProviderStatus(e.executionId(), e.status())).toList());
    Map<String, String> placedBy =
        workflowsThatPlaced(
            events.stream()
                .filter(e -> !recorded.recorded(e.executionId()) || terminal(e))
                .map(PendingEvent::executionId)
                .distinct()
                .toList());
    // Inbound calls recorded by this batch: their later events move the lifecycle themselves.
    Set<String> recordedHere = new HashSet<>();
    List<Routed> routed = new ArrayList<>();
    for (PendingEvent event : events) {
      String executionId = event.executionId();
      ProviderStatus status = new ProviderStatus(executionId, event.status());
      boolean isRecorded =
          recorded.recorded(executionId)
              || (recordedHere.contains(executionId)
                  && calls.moveLifecycles(List.of(status)).recorded(executionId));
      if (isRecorded && !status.terminal()) {
        // The call's workflow waits for the final status alone; the way there is in its row.
        settled.add(processed(event, "recorded", "recorded"));
        continue;
      }
      BolnaExecution payload = BolnaExecution.parse(event.payload());
      Optional<String> workflowId =
          Optional.ofNullable(placedBy.get(executionId))
              .or(() -> fromUserData(payload))
              .or(
                  () ->
                      recorded.inbound(executionId) || recordedHere.contains(executionId)
                          ? Optional.of(WorkflowIds.inboundCall(executionId))
                          : Optional.empty());
      if (workflowId.isEmpty() && payload.isInbound()) {
        workflowId = startInbound(payload);
        workflowId.ifPresent(started -> recordedHere.add(executionId));
      }
      if (workflowId.isEmpty()) {
        settled.add(
            retry(event, "unmatched", "no call or workflow knows execution " + executionId));
        continue;
      }
      routed.add(new Routed(event, status, workflowId.get()));
    }
    return routed;
  }

  private static boolean terminal(PendingEvent event) {
    return ProviderStatus.TERMINAL.contains(event.status());
  }

  /** A call attempt's execution and the workflow that placed it. */
  private record Placed(String bolnaExecutionId, String workflowId) {}

  /** The workflows that placed calls of these executions, by execution. */
  private Map<String, String> workflowsThatPlaced(List<String> executionIds) {
    if (executionIds.isEmpty()) {
      return Map.of();
    }
    Map<String, String> placedBy = new HashMap<>();
    jdbc.sql(
            """
            SELECT bolna_execution_id, workflow_id FROM call_attempts
            WHERE bolna_execution_id = ANY (CAST(:ids AS text[]))
            """)
        .param("ids", executionIds.toArray(String[]::new))
        .query(Placed.class)
        .list()
        .forEach(placed -> placedBy.put(placed.bolnaExecutionId(), placed.workflowId()));
    return placedBy;
  }

  private static Optional<String> fromUserData(BolnaExecution payload) {
    return Optional.ofNullable(payload.recipientData().get("outdial_workflow_id"))
        .map(Object::toString);
  }

  /**
   * Sends the claimed events' signals, each workflow's in the order its events came, and answers
   * how each went.
   */
  private List<Settlement> signal(List<Claimed> claimed) {
    Map<String, List<Claimed>> byWorkflow = new LinkedHashMap<>();
    claimed.forEach(
        event ->
            byWorkflow.computeIfAbsent(event.workflowId(), id -> new ArrayList<>()).add(event));
    List<CompletableFuture<List<Settlement>>> sending = new ArrayList<>();
    for (List<Claimed> events : byWorkflow.values()) {
      sending.add(
          CompletableFuture.supplyAsync(() -> events.stream().map(this::signal).toList(), signals));
    }
    return sending.stream().flatMap(each -> each.join().stream()).toList();
  }

  private Settlement signal(Claimed claimed) {
    PendingEvent event = claimed.event();
    try {
      temporal
          .newWorkflowStub(CallWorkflow.class, claimed.workflowId())
          .providerStatus(claimed.status());
    } catch (WorkflowNotFoundException e) {
      // The call's workflow has finished: the status came after the end and changes nothing.
      return processed(event, "late", "late: workflow closed");
    } catch (RuntimeException e) {
      log.warn("Webhook {} not signalled yet: {}", event.id(), e.toString());
      return retry(event, "error", e.toString());
    }
    log.debug(
        "Webhook {} ({} {}) signalled to {}",
        event.id(),
        event.executionId(),
        event.status(),
        claimed.workflowId());
    return processed(event, "signalled", "signalled");
  }

  /**
   * Marks an event whose processing failed as a whole to be tried again later, on a fresh
   * transaction: the failed one may have been rolled back with everything it locked.
   */
  private void retryAfterFailure(List<UUID> eventIds, RuntimeException failure) {
    try {
      transaction.execute(
          status -> {
            List<Settlement> retries = new ArrayList<>();
            for (PendingEvent event : inbox.lockDue(eventIds)) {
              log.warn("Webhook {} not processed yet: {}", event.id(), failure.toString());
              retries.add(retry(event, "error", failure.toString()));
            }
            inbox.settle(retries);
            return null;
          });
    } catch (RuntimeException e) {
      // Postgres is unreachable: the event waits in the inbox for the sweep.
      log.warn("Webhooks {} left for the sweep: {}", eventIds, e.toString());
    }
  }

  /** The event is done; {@code kind} is its outcome as counted (a few fixed words). */
  private Settlement processed(PendingEvent event, String kind, String outcome) {
    PlatformMetrics.webhookHandled(kind, true, sinceReceived(event));
    return Settlement.processed(event.id(), outcome);
  }

  private Settlement retry(PendingEvent event, String outcome, String error) {
    PlatformMetrics.webhookHandled(outcome, false, sinceReceived(event));
    long seconds = Math.min(MAX_RETRY_PAUSE.toSeconds(), 1L << Math.min(event.attempts(), 10));
    return Settlement.retry(event.id(), outcome, error, Duration.ofSeconds(seconds));
  }

  private Duration sinceReceived(PendingEvent event) {
    return event.receivedAt() == null
        ? Duration.ZERO
        : Duration.between(event.receivedAt().toInstant(), clock.instant());
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
