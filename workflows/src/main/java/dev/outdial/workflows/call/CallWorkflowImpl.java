package dev.outdial.workflows.call;

import dev.outdial.workflows.campaign.CampaignWorkflow;
import dev.outdial.workflows.common.Signals;
import dev.outdial.workflows.common.WorkflowIds;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;

public class CallWorkflowImpl implements CallWorkflow {

  private static final Logger log = Workflow.getLogger(CallWorkflowImpl.class);

  /** How often, and how far apart, Bolna is asked for a call that sent no final status. */
  static final int POLLS = 6;

  static final Duration FIRST_POLL_DELAY = Duration.ofSeconds(30);

  private static final ActivityOptions CALL_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setMaximumAttempts(10)
                  .setDoNotRetry(CallActivities.PROVIDER_REFUSED, CallActivities.PLACEMENT_UNKNOWN)
                  .build())
          .build();

  private final CallActivities calls = Workflow.newActivityStub(CallActivities.class, CALL_OPTIONS);

  /**
   * Placing heartbeats: a run whose worker stalled is timed out within seconds, and learns it at
   * its next heartbeat, before it dials, so it never runs beside its retry.
   */
  private final CallActivities placing =
      Workflow.newActivityStub(
          CallActivities.class,
          ActivityOptions.newBuilder(CALL_OPTIONS)
              .setHeartbeatTimeout(Duration.ofSeconds(20))
              .build());

  private final BillingActivities billing =
      Workflow.newActivityStub(
          BillingActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setMaximumInterval(Duration.ofMinutes(1))
                      .build())
              .build());
  private final LeadActivities leads =
      Workflow.newActivityStub(
          LeadActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(2))
              // Unbounded like billing: a campaign is over only once its answered calls are
              // scored, and the scorer falls back to keywords on its own, so what is left to fail
              // is the database, which comes back.
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(2))
                      .setMaximumInterval(Duration.ofMinutes(1))
                      .build())
              .build());

  private final Set<String> seen = new HashSet<>();
  private int attempt;
  private String stage = "starting";
  private String executionId;
  private String lastStatus;
  private String terminalStatus;

  @Override
  public CallOutcome run(CallRequest request) {
    CallOutcome outcome = attempts(request);
    if (request.queueItemId() == null
        && !request.inbound()
        && Workflow.getVersion("end-request", Workflow.DEFAULT_VERSION, 1) == 1) {
      calls.endRequest(Workflow.getInfo().getWorkflowId());
    }
    // Histories recorded before this step signalled nobody; they must replay as they ran.
    if (Workflow.getVersion("signal-on-end", Workflow.DEFAULT_VERSION, 1) == 1) {
      signalEnd(request);
    }
    return outcome;
  }

  /** The slot is free: the dispatcher can fill it, and the campaign may be done. */
  private void signalEnd(CallRequest request) {
    if (request.campaignId() != null) {
      String campaign = WorkflowIds.campaign(request.campaignId());
      Signals.tryToSend(
          campaign,
          () -> Workflow.newExternalWorkflowStub(CampaignWorkflow.class, campaign).callFinished());
    }
    Signals.wakeDispatcher();
  }

  private CallOutcome attempts(CallRequest request) {
    int maxAttempts = request.inbound() ? 1 : Math.max(1, request.maxAttempts());
    CallOutcome outcome = null;
    for (attempt = Math.max(1, request.firstAttempt()); attempt <= maxAttempts; attempt++) {
      boolean retryPossible = attempt < maxAttempts;
      outcome = attempt(request, retryPossible);
      if (!"retry".equals(outcome.status())) {
        return outcome;
      }
      if (request.queueItemId() != null || request.queued()) {
        // A queued call goes back to its queue; the dispatcher dials it again, inside its
        // window and limits.
        return new CallOutcome(
            outcome.callId(),
            outcome.executionId(),
            "requeued",
            false,
            attempt,
            0,
            outcome.reason());
      }
      stage = "waiting to retry";
      Workflow.sleep(request.retryDelay());
    }
    return outcome;
  }

  private CallOutcome attempt(CallRequest request, boolean retryPossible) {
    // The dial gate checks credits at the moment of dialing; histories from before it checked
    // here first.
    boolean creditsCheckedHere =
        Workflow.getVersion("gate-checks-credits", Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION;
    stage = "checking credits";
    if (creditsCheckedHere && !request.inbound() && !calls.hasCredits(request.userId())) {
      if (request.queueItemId() != null) {
        // The campaign pauses itself until credits arrive; the item waits in the queue.
        calls.closeWithoutCall(
            new CloseWithoutCall(
                request.queueItemId(), request.campaignId(), "queued", "waiting for credits"));
        return new CallOutcome(null, null, "requeued", false, attempt - 1, 0, "no credits");
      }
      return new CallOutcome(null, null, "skipped", false, attempt - 1, 0, "no credits");
    }

    Placement placement;
    if (request.inbound()) {
      placement = Placement.placed(null, request.inboundExecutionId());
    } else {
      stage = "placing";
      try {
        placement = placing.placeCall(placeCall(request));
        while (Placement.WAIT.equals(placement.refusal())) {
          stage = "waiting: " + placement.reason();
          Workflow.sleep(Duration.ofMillis(Math.max(1000, placement.retryAfterMillis())));
          stage = "placing";
          placement = placing.placeCall(placeCall(request));
        }
      } catch (ActivityFailure failure) {
        String reason = reason(failure);
        calls.closeWithoutCall(
            new CloseWithoutCall(
                request.queueItemId(),
                request.campaignId(),
                "failed",
                reason,
                Workflow.getInfo().getWorkflowId()));
        return new CallOutcome(null, null, "failed", false, attempt, 0, reason);
      }
      if (placement.refused()) {
        // The gate did not dial, and already put the item where it belongs.
        stage = "refused: " + placement.reason();
        log.info("Call not placed: {}", placement.reason());
        return new CallOutcome(
            null, null, placement.refusal(), false, attempt - 1, 0, placement.reason());
      }
    }
    executionId = placement.executionId();
    terminalStatus = null;
    // What progress() shows belongs to this execution, also when its final status came early.
    lastStatus = null;
    seen.stream()
        .filter(key -> key.startsWith(executionId + "|"))
        .map(key -> key.substring(executionId.length() + 1))
        .filter(status -> new ProviderStatus(executionId, status).terminal())
        .findFirst()
        .ifPresent(status -> terminalStatus = lastStatus = status);

    if (placement.resumed() && terminalStatus == null) {
      // Restarted by recovery: what Bolna said while no workflow listened is in Bolna's answer.
      try {
        providerStatus(new ProviderStatus(executionId, calls.pollStatus(executionId)));
      } catch (ActivityFailure failure) {
        log.warn("Bolna could not be asked about {}: {}", executionId, reason(failure));
      }
    }
    stage = "in call";
    long placedAt = Workflow.currentTimeMillis();
    String reason = null;
    boolean endUnknown = false;
    if (!Workflow.await(request.noNewsTimeout(), () -> terminalStatus != null)) {
      stage = "polling";
      if (Workflow.getVersion("poll-until-max-call-length", Workflow.DEFAULT_VERSION, 1) == 1) {
        reason = followUntilMaxCallLength(placedAt, request.effectiveMaxCallLength());
        endUnknown = reason != null;
      } else {
        reason = pollUntilTerminal();
      }
    }
    String status = terminalStatus != null ? terminalStatus : endUnknown ? "unknown" : "failed";

    stage = "finalizing";
    Finalized finalized =
        calls.finalizeCall(
            new FinalizeCall(
                placement.callId(),
                executionId,
                request.queueItemId(),
                request.campaignId(),
                attempt,
                status,
                reason,
                retryPossible));
    int credits = 0;
    if (finalized.answered()) {
      stage = "billing";
      credits = billing.debitCall(finalized.callId());
      stage = "scoring";
      leads.scoreCall(finalized.callId());
    } else if (finalized.billable()) {
      // A voicemail the platform bills: there is nothing to score.
      stage = "billing";
      credits = billing.debitCall(finalized.callId());
    }
    stage = "done";
    if (finalized.notConnected() && retryPossible) {
      log.info("Call {} not connected ({}); another attempt follows", executionId, status);
      return new CallOutcome(finalized.callId(), executionId, "retry", false, attempt, 0, status);
    }
    return new CallOutcome(
        finalized.callId(),
        executionId,
        finalized.status(),
        finalized.answered(),
        attempt,
        credits,
        finalized.answered() ? null : (reason != null ? reason : status));
  }

  static final Duration LONGEST_POLL_PAUSE = Duration.ofMinutes(5);

  /**
   * Asks Bolna with growing pauses while it reports the call live (a 90-minute call is a call, not
   * a failure), until the maximum call length has passed since it was placed. Answers why it gave
   * up, or null once a final status came. A poll that fails counts as no news.
   */
  private String followUntilMaxCallLength(long placedAt, Duration maxCallLength) {
    Duration delay = FIRST_POLL_DELAY;
    while (true) {
      try {
        providerStatus(new ProviderStatus(executionId, calls.pollStatus(executionId)));
      } catch (ActivityFailure failure) {
        log.warn("Bolna could not be asked about {}: {}", executionId, reason(failure));
      }
      if (terminalStatus != null) {
        return null;
      }
      long left = placedAt + maxCallLength.toMillis() - Workflow.currentTimeMillis();
      if (left <= 0) {
        return "no final status from Bolna within the maximum call length of " + maxCallLength;
      }
      Duration pause = delay.toMillis() < left ? delay : Duration.ofMillis(left);
      if (Workflow.await(pause, () -> terminalStatus != null)) {
        return null;
      }
      delay = delay.multipliedBy(2);
      if (delay.compareTo(LONGEST_POLL_PAUSE) > 0) {
        delay = LONGEST_POLL_PAUSE;
      }
    }
  }

  /** Asks Bolna with growing pauses; answers why it gave up, or null once a final status came. */
  private String pollUntilTerminal() {
    Duration delay = FIRST_POLL_DELAY;
    for (int poll = 1; poll <= POLLS; poll++) {
      String status = calls.pollStatus(executionId);
      providerStatus(new ProviderStatus(executionId, status));
      if (terminalStatus != null) {
        return null;
      }
      if (Workflow.await(delay, () -> terminalStatus != null)) {
        return null;
      }
      delay = delay.multipliedBy(2);
    }
    return "no final status from Bolna after " + POLLS + " polls";
  }

  private PlaceCall placeCall(CallRequest request) {
    String workflowId = Workflow.getInfo().getWorkflowId();
    return new PlaceCall(
        workflowId + ":" + attempt,
        workflowId,
        request.userId(),
        request.agentId(),
        request.bolnaAgentId(),
        request.contactId(),
        request.queueItemId(),
        request.campaignId(),
        request.phoneNumber(),
        request.userData());
  }

  private static String reason(ActivityFailure failure) {
    if (failure.getCause() instanceof ApplicationFailure application) {
      return application.getOriginalMessage();
    }
    return failure.getCause() == null ? failure.getMessage() : failure.getCause().getMessage();
  }

  @Override
  public void providerStatus(ProviderStatus status) {
    if (status == null || status.executionId() == null || status.status() == null) {
      return;
    }
    if (!seen.add(status.executionId() + "|" + status.status())) {
      return;
    }
    if (!status.executionId().equals(executionId)) {
      // A status of an earlier attempt, or one that raced ahead of the placement's answer.
      return;
    }
    // A late "ringing" never undoes "completed": only terminal statuses end the wait.
    if (terminalStatus == null) {
      lastStatus = status.status();
      if (status.terminal()) {
        terminalStatus = status.status();
      }
    }
  }

  @Override
  public CallProgress progress() {
    return new CallProgress(attempt, stage, executionId, lastStatus);
  }
}
