package dev.outdial.activities.call;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.bolna.BolnaClient;
import dev.outdial.activities.bolna.BolnaException;
import dev.outdial.activities.bolna.BolnaExecution;
import dev.outdial.activities.bolna.ExecutionPage;
import dev.outdial.activities.bolna.ExecutionQuery;
import dev.outdial.activities.bolna.PlaceCallRequest;
import dev.outdial.activities.bolna.PlaceCallResult;
import dev.outdial.activities.campaign.CallQueue;
import dev.outdial.activities.dispatch.DialGate;
import dev.outdial.activities.dispatch.DialGate.Decision;
import dev.outdial.activities.metrics.PlatformMetrics;
import dev.outdial.workflows.call.CallActivities;
import dev.outdial.workflows.call.CloseWithoutCall;
import dev.outdial.workflows.call.FinalizeCall;
import dev.outdial.workflows.call.Finalized;
import dev.outdial.workflows.call.PlaceCall;
import dev.outdial.workflows.call.Placement;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Places, follows and finalizes calls: Postgres through JDBC, Bolna through its client. */
public class CallActivitiesImpl implements CallActivities {

  private static final Logger log = LoggerFactory.getLogger(CallActivitiesImpl.class);

  /** How far back reconciliation looks for a call that may have been placed. */
  private static final Duration RECONCILE_WINDOW = Duration.ofHours(2);

  /** How long a placement in doubt is looked up again before it is settled as unknown. */
  static final Duration RECONCILE_DELAY = Duration.ofMinutes(2);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate transaction;
  private final Supplier<BolnaClient> bolna;
  private final CallAttemptRepository attempts;
  private final CallFinalizer finalizer;
  private final DialGate gate;
  private final CallRecords records;
  private final CallQueue queue;
  private final OneOffQueue oneOffs;

  /** Voicemails are not billed. */
  public CallActivitiesImpl(
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      Supplier<BolnaClient> bolna,
      ObjectMapper json,
      Clock clock,
      DialGate gate) {
    this(jdbc, transactionManager, bolna, json, clock, gate, false);
  }

  /**
   * @param billVoicemail whether a call answered by voicemail is billed for its length
   */
  public CallActivitiesImpl(
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      Supplier<BolnaClient> bolna,
      ObjectMapper json,
      Clock clock,
      DialGate gate,
      boolean billVoicemail) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.transaction = new TransactionTemplate(transactionManager);
    this.bolna = bolna;
    this.attempts = new CallAttemptRepository(jdbc);
    this.finalizer = new CallFinalizer(jdbc, json, clock, billVoicemail);
    this.gate = gate;
    this.records = new CallRecords(jdbc, json);
    this.queue = new CallQueue(jdbc);
    this.oneOffs = new OneOffQueue(jdbc);
  }

  @Override
  public boolean hasCredits(UUID userId) {
    return gate.hasCredit(userId);
  }

  @Override
  public Placement placeCall(PlaceCall request) {
    Optional<CallAttemptRepository.Attempt> earlier = attempts.find(request.attemptKey());
    if (earlier.isPresent()) {
      return resume(request, earlier.get());
    }
    // The gate decides in the transaction that commits the intent, before Bolna is asked: if this
    // worker dies after sending, the next run finds the intent and looks the call up instead of
    // dialing again.
    boolean queued = request.queueItemId() != null || queuedOneOff(request);
    Decision decision =
        transaction.execute(
            status -> {
              Decision checked = gate.check(dial(request, queued));
              if (checked instanceof DialGate.Pass) {
                attempts.insertIntent(
                    request.attemptKey(),
                    request.workflowId(),
                    request.userId(),
                    request.agentId(),
                    request.queueItemId(),
                    request.phoneNumber(),
                    clock.instant());
              } else if (queued) {
                applyRefusal(request, checked);
              }
              return checked;
            });
    if (!(decision instanceof DialGate.Pass)) {
      return refusal(queued, decision);
    }
    try {
      // A run that timed out (its retry may be running already) learns it here and stops before
      // it dials: the intent is taken back, as nothing was sent.
      heartbeat(request.attemptKey());
    } catch (ActivityCompletionException e) {
      transaction.executeWithoutResult(status -> attempts.forget(request.attemptKey()));
      throw e;
    }
    PlaceCallResult result;
    try {
      result =
          bolna
              .get()
              .placeCall(
                  new PlaceCallRequest(
                      request.bolnaAgentId(),
                      request.phoneNumber(),
                      null,
                      userData(request),
                      null));
    } catch (BolnaException e) {
      if (e.mayHaveBeenAccepted()) {
        log.warn(
            "Placing {} may have reached Bolna ({}); the retry looks it up",
            request.attemptKey(),
            e.getMessage());
        throw e;
      }
      transaction.executeWithoutResult(status -> attempts.forget(request.attemptKey()));
      if (e.kind() == BolnaException.Kind.RATE_LIMITED) {
        // Not placed, and not a failure: every worker slows down and this call waits its turn.
        Duration pause = transaction.execute(status -> gate.slowDown());
        return Placement.waiting(pause.toMillis(), "Bolna asked for a slower pace (429)");
      }
      if (e.kind() == BolnaException.Kind.REJECTED || e.kind() == BolnaException.Kind.AUTH) {
        throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), PROVIDER_REFUSED);
      }
      throw e;
    }
    gate.paceRecovered();
    PlatformMetrics.callPlaced();
    log.info(
        "Placed {} to {} as execution {}",
        request.attemptKey(),
        request.phoneNumber(),
        result.executionId());
    return recordPlacement(request, result.executionId());
  }

  /** Heartbeats when running as an activity (a direct call, as in tests, has nothing to tell). */
  private static void heartbeat(String details) {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException e) {
      return;
    }
    context.heartbeat(details);
  }

  private static DialGate.Dial dial(PlaceCall request, boolean queued) {
    return new DialGate.Dial(
        request.userId(),
        request.contactId(),
        request.queueItemId(),
        request.campaignId(),
        request.phoneNumber(),
        queued);
  }

  /** Whether the call is a one-off call the allocator gave a slot (its request is processing). */
  private boolean queuedOneOff(PlaceCall request) {
    return request.queueItemId() == null
        && jdbc.sql("SELECT status = 'processing' FROM call_requests WHERE workflow_id = :id")
            .param("id", request.workflowId())
            .query(Boolean.class)
            .optional()
            .orElse(false);
  }

  /** Puts a refused queued call where the gate's decision says, in the gate's transaction. */
  private void applyRefusal(PlaceCall request, Decision decision) {
    if (decision instanceof DialGate.Requeue requeue) {
      finalizer.requeue(
          request.queueItemId(), request.workflowId(), requeue.at(), requeue.reason());
    } else if (decision instanceof DialGate.Close close) {
      finalizer.closeWithoutCall(
          new CloseWithoutCall(
              request.queueItemId(),
              request.campaignId(),
              close.status(),
              close.reason(),
              request.workflowId()));
    }
  }

  private Placement refusal(boolean queued, Decision decision) {
    if (decision instanceof DialGate.Wait wait) {
      return Placement.waiting(wait.retryAfter().toMillis(), wait.reason());
    }
    if (decision instanceof DialGate.Requeue requeue) {
      if (queued) {
        return Placement.requeued(requeue.reason());
      }
      // A call outside campaigns has no queue to go back to: it waits for the instant.
      long millis = Duration.between(clock.instant(), requeue.at()).toMillis();
      return Placement.waiting(Math.max(0, millis), requeue.reason());
    }
    DialGate.Close close = (DialGate.Close) decision;
    return Placement.closed(close.status(), close.reason());
  }

  private Placement resume(PlaceCall request, CallAttemptRepository.Attempt attempt) {
    if (attempt.bolnaExecutionId() != null) {
      Placement placed = recordPlacement(request, attempt.bolnaExecutionId());
      return Placement.resumed(placed.callId(), placed.executionId());
    }
    if ("unknown".equals(attempt.status())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Whether the call was placed could not be settled; it is not dialed again",
          PLACEMENT_UNKNOWN);
    }
    Optional<String> found = lookUp(request);
    if (found.isPresent()) {
      log.info(
          "Found execution {} for {} at Bolna: not dialing again",
          found.get(),
          request.attemptKey());
      Placement placed = recordPlacement(request, found.get());
      return Placement.resumed(placed.callId(), placed.executionId());
    }
    Duration since = Duration.between(attempt.createdAt().toInstant(), clock.instant());
    if (since.compareTo(RECONCILE_DELAY) < 0) {
      // Bolna may not list a call it has just queued: look again before deciding.
      throw ApplicationFailure.newFailure(
          "The placement is in doubt and Bolna does not list it yet; looking again",
          "PlacementInDoubt");
    }
    String reason =
        "A placement of this call may have reached Bolna, and Bolna shows no such call after "
            + RECONCILE_DELAY.toMinutes()
            + " minutes; it is not dialed again to avoid calling twice";
    transaction.executeWithoutResult(status -> attempts.markUnknown(request.attemptKey(), reason));
    throw ApplicationFailure.newNonRetryableFailure(reason, PLACEMENT_UNKNOWN);
  }

  /** Looks for the call among the agent's recent executions by the attempt key in its user_data. */
  private Optional<String> lookUp(PlaceCall request) {
    Instant from = clock.instant().minus(RECONCILE_WINDOW);
    for (int page = 1; page <= 20; page++) {
      heartbeat(request.attemptKey());
      ExecutionPage executions =
          bolna
              .get()
              .listAgentExecutions(
                  request.bolnaAgentId(),
                  new ExecutionQuery(page, ExecutionQuery.MAX_PAGE_SIZE, null, null, from, null));
      for (BolnaExecution execution : executions.data()) {
        if (request
            .attemptKey()
            .equals(String.valueOf(execution.recipientData().get("outdial_attempt_key")))) {
          return Optional.of(execution.id());
        }
      }
      if (!executions.hasMore()) {
        break;
      }
    }
    return Optional.empty();
  }

  private Placement recordPlacement(PlaceCall request, String executionId) {
    return transaction.execute(
        status -> {
          UUID callId =
              records
                  .findByExecution(executionId)
                  .orElseGet(
                      () ->
                          records.insertOutbound(
                              request.agentId(),
                              request.userId(),
                              request.contactId(),
                              request.campaignId(),
                              executionId,
                              request.phoneNumber(),
                              request.attemptKey(),
                              request.workflowId()));
          attempts.markPlaced(request.attemptKey(), executionId, callId);
          oneOffs.linkCall(request.workflowId(), callId);
          if (request.queueItemId() != null) {
            queue.linkCall(request.queueItemId(), callId);
          }
          return Placement.placed(callId, executionId);
        });
  }

  private static Map<String, Object> userData(PlaceCall request) {
    Map<String, Object> data = new LinkedHashMap<>();
    if (request.userData() != null) {
      data.putAll(request.userData());
    }
    data.put("outdial_attempt_key", request.attemptKey());
    data.put("outdial_workflow_id", request.workflowId());
    data.put("outdial_user_id", request.userId().toString());
    if (request.queueItemId() != null) {
      data.put("outdial_queue_item_id", request.queueItemId().toString());
    }
    return data;
  }

  @Override
  public String pollStatus(String executionId) {
    BolnaExecution execution = bolna.get().getExecution(executionId);
    // Kept like a webhook delivery, so finalizing reads the same place whichever way news came.
    jdbc.sql(
            """
            INSERT INTO webhook_events (execution_id, status, payload, remote_address)
            VALUES (:executionId, :status, CAST(:payload AS jsonb), 'poll')
            """)
        .param("executionId", executionId)
        .param("status", execution.status())
        .param("payload", execution.raw().toString())
        .update();
    log.info("Polled execution {}: {}", executionId, execution.status());
    return execution.status() == null ? "unknown" : execution.status();
  }

  @Override
  public Finalized finalizeCall(FinalizeCall request) {
    return transaction.execute(status -> finalizer.finalizeCall(request));
  }

  @Override
  public void endRequest(String workflowId) {
    oneOffs.workflowEnded(workflowId);
  }

  @Override
  public void closeWithoutCall(CloseWithoutCall request) {
    if (request.queueItemId() == null && request.workflowId() == null) {
      return;
    }
    transaction.executeWithoutResult(status -> finalizer.closeWithoutCall(request));
  }
}
