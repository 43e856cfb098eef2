package dev.outdial.workflows.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.outdial.workflows.campaign.CampaignRun;
import dev.outdial.workflows.campaign.CampaignWorkflow;
import dev.outdial.workflows.campaign.ListeningCampaign;
import dev.outdial.workflows.common.TaskQueues;
import dev.outdial.workflows.common.WorkflowIds;
import dev.outdial.workflows.dispatch.DispatcherState;
import dev.outdial.workflows.dispatch.DispatcherWorkflow;
import dev.outdial.workflows.dispatch.IdleDispatcher;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class CallWorkflowTest {

  static final UUID USER = UUID.fromString("00000000-0000-0000-0000-000000000001");
  static final UUID CALL = UUID.fromString("00000000-0000-0000-0000-0000000000ca");

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private CallActivities calls;
  private BillingActivities billing;
  private LeadActivities leads;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueues.OUTDIAL);
    worker.registerWorkflowImplementationTypes(
        CallWorkflowImpl.class, ListeningCampaign.class, IdleDispatcher.class);
    ListeningCampaign.CALLS_FINISHED.set(0);
    IdleDispatcher.WAKES.set(0);
    calls = mock(CallActivities.class, withSettings().withoutAnnotations());
    billing = mock(BillingActivities.class, withSettings().withoutAnnotations());
    leads = mock(LeadActivities.class, withSettings().withoutAnnotations());
    worker.registerActivitiesImplementations(calls, billing, leads);
    when(calls.hasCredits(any())).thenReturn(true);
    when(billing.debitCall(any())).thenReturn(2);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private static final Map<String, String> ADA = Map.of("name", "Ada");

  static CallRequest adhoc(int maxAttempts) {
    return request(null, null, ADA, null, maxAttempts, 1);
  }

  /** A call to Ada by a new agent, an hour between attempts, with what differs named. */
  static CallRequest request(
      UUID queueItemId,
      UUID campaignId,
      Map<String, String> userData,
      String inboundExecutionId,
      int maxAttempts,
      int firstAttempt) {
    return new CallRequest(
        USER,
        UUID.randomUUID(),
        "bolna-agent",
        UUID.randomUUID(),
        queueItemId,
        campaignId,
        "+14155552671",
        userData,
        inboundExecutionId,
        maxAttempts,
        Duration.ofMinutes(60),
        Duration.ofMinutes(15),
        firstAttempt);
  }

  private CallWorkflow newWorkflow(String id) {
    return client.newWorkflowStub(
        CallWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(TaskQueues.OUTDIAL).build());
  }

  private CallOutcome runWithSignals(CallRequest request, ProviderStatus... statuses) {
    return run(newWorkflow("call-test-" + UUID.randomUUID()), request, statuses);
  }

  /** Runs {@code workflow} to its end, sending it Bolna's statuses after its start. */
  private static CallOutcome run(
      CallWorkflow workflow, CallRequest request, ProviderStatus... statuses) {
    WorkflowClient.start(workflow::run, request);
    for (ProviderStatus status : statuses) {
      workflow.providerStatus(status);
    }
    return WorkflowStub.fromTyped(workflow).getResult(CallOutcome.class);
  }

  private static Finalized answered() {
    return new Finalized(CALL, true, false, 95, "completed");
  }

  private static Finalized notConnected(String status) {
    return new Finalized(CALL, false, true, 0, "failed");
  }

  @Test
  void anAnsweredCallIsFinalizedBilledAndScored() {
    when(calls.placeCall(any())).thenReturn(Placement.placed(CALL, "e-1"));
    when(calls.finalizeCall(any())).thenReturn(answered());

    CallOutcome outcome =
        runWithSignals(
            adhoc(2),
            new ProviderStatus("e-1", "initiated"),
            new ProviderStatus("e-1", "ringing"),
            new ProviderStatus("e-1", "in-progress"),
            new ProviderStatus("e-1", "call-disconnected"),
            new ProviderStatus("e-1", "completed"));

    assertThat(outcome.status()).isEqualTo("completed");
    assertThat(outcome.answered()).isTrue();
    assertThat(outcome.creditsUsed()).isEqualTo(2);
    ArgumentCaptor<FinalizeCall> finalized = ArgumentCaptor.forClass(FinalizeCall.class);
    verify(calls).finalizeCall(finalized.capture());
    assertThat(finalized.getValue().status()).isEqualTo("completed");
    assertThat(finalized.getValue().reason()).isNull();
    verify(billing).debitCall(CALL);
    verify(leads).scoreCall(CALL);
    verify(calls, never()).pollStatus(any());
  }

  @Test
  void scoringThatFailsForMinutesIsRetriedUntilTheCallIsScored() {
    when(calls.placeCall(any())).thenReturn(Placement.placed(CALL, "e-1"));
    when(calls.finalizeCall(any())).thenReturn(answered());
    AtomicInteger scoringAttempts = new AtomicInteger();
    doAnswer(
            invocation -> {
              if (scoringAttempts.incrementAndGet() <= 10) {
                throw new IllegalStateException("database unavailable");
              }
              return null;
            })
        .when(leads)
        .scoreCall(CALL);

    CallOutcome outcome = runWithSignals(adhoc(1), new ProviderStatus("e-1", "completed"));

    assertThat(outcome.status()).isEqualTo("completed");
    assertThat(scoringAttempts).hasValue(11);
    verify(billing).debitCall(CALL);
  }

  @Test
  void repeatedAndLateStatusesNeverUndoTheFinalOne() {
    when(calls.placeCall(any())).thenReturn(Placement.placed(CALL, "e-2"));
    when(calls.finalizeCall(any())).thenReturn(answered());

    CallOutcome outcome =
        runWithSignals(
            adhoc(1),
            new ProviderStatus("e-2", "completed"),
            new ProviderStatus("e-2", "completed"),
            new ProviderStatus("e-2", "ringing"),
            new ProviderStatus("someone-else", "busy"));

    assertThat(outcome.status()).isEqualTo("completed");
    verify(calls, times(1)).finalizeCall(argThat(call -> call.status().equals("completed")));
    verify(billing, times(1)).debitCall(CALL);
  }

  @Test
  void aBusyCallIsDialedAgainAfterTheRetryDelayWithANewAttemptKey() {
    when(calls.placeCall(any()))
        .thenReturn(Placement.placed(CALL, "e-busy"), Placement.placed(CALL, "e-answer"));
    when(calls.finalizeCall(any())).thenReturn(notConnected("busy"), answered());
    CallWorkflow workflow = newWorkflow("call-retry");
    WorkflowClient.start(workflow::run, adhoc(2));
    workflow.providerStatus(new ProviderStatus("e-busy", "busy"));
    workflow.providerStatus(new ProviderStatus("e-answer", "completed"));

    long before = env.currentTimeMillis();
    CallOutcome outcome = WorkflowStub.fromTyped(workflow).getResult(CallOutcome.class);

    assertThat(outcome.status()).isEqualTo("completed");
    assertThat(outcome.attempts()).isEqualTo(2);
    assertThat(env.currentTimeMillis() - before)
        .isGreaterThanOrEqualTo(Duration.ofMinutes(60).toMillis());
    ArgumentCaptor<PlaceCall> placed = ArgumentCaptor.forClass(PlaceCall.class);
    verify(calls, times(2)).placeCall(placed.capture());
    assertThat(placed.getAllValues())
        .extracting(PlaceCall::attemptKey)
        .containsExactly("call-retry:1", "call-retry:2");
    ArgumentCaptor<FinalizeCall> finalized = ArgumentCaptor.forClass(FinalizeCall.class);
    verify(calls, times(2)).finalizeCall(finalized.capture());
    assertThat(finalized.getAllValues())
        .extracting(FinalizeCall::retryPossible)
        .containsExactly(true, false);
  }

  @Test
  void aCallNobodyAnswersStopsAtTheMaximumAttempts() {
    when(calls.placeCall(any()))
        .thenReturn(Placement.placed(CALL, "e-a"), Placement.placed(CALL, "e-b"));
    when(calls.finalizeCall(any())).thenReturn(notConnected("no-answer"));
    CallWorkflow workflow = newWorkflow("call-no-answer");
    WorkflowClient.start(workflow::run, adhoc(2));
    workflow.providerStatus(new ProviderStatus("e-a", "no-answer"));
    workflow.providerStatus(new ProviderStatus("e-b", "no-answer"));

    CallOutcome outcome = WorkflowStub.fromTyped(workflow).getResult(CallOutcome.class);

    assertThat(outcome.answered()).isFalse();
    assertThat(outcome.attempts()).isEqualTo(2);
    assertThat(outcome.reason()).isEqualTo("no-answer");
    verify(calls, times(2)).placeCall(any());
    verify(billing, never()).debitCall(any());
  }

  @Test
  void aCallWhoseWebhooksAreLostIsPolledAtBolna() {
    when(calls.placeCall(any())).thenReturn(Placement.placed(CALL, "e-silent"));
    when(calls.pollStatus("e-silent")).thenReturn("in-progress", "completed");
    when(calls.finalizeCall(any())).thenReturn(answered());

    CallOutcome outcome = runWithSignals(adhoc(1));

    assertThat(outcome.status()).isEqualTo("completed");
    verify(calls, times(2)).pollStatus("e-silent");
    verify(calls).finalizeCall(argThat(call -> call.status().equals("completed")));
  }

  @Test
  void aCallBolnaReportsLivePastTheMaximumLengthEndsUnknownAndIsNeverRedialed() {
    when(calls.placeCall(any())).thenReturn(Placement.placed(CALL, "e-lost"));
    when(calls.pollStatus("e-lost")).thenReturn("in-progress");
    AtomicLong finalizedAt = new AtomicLong();
    when(calls.finalizeCall(any()))
        .thenAnswer(
            invocation -> {
              finalizedAt.set(env.currentTimeMillis());
              return new Finalized(CALL, false, false, 0, "unknown");
            });
    long before = env.currentTimeMillis();

    CallOutcome outcome = runWithSignals(adhoc(3));

    ArgumentCaptor<FinalizeCall> finalized = ArgumentCaptor.forClass(FinalizeCall.class);
    verify(calls).finalizeCall(finalized.capture());
    assertThat(finalized.getValue().status()).isEqualTo("unknown");
    assertThat(finalized.getValue().reason()).contains("maximum call length of PT2H");
    assertThat(outcome.reason()).contains("no final status");
    assertThat(finalizedAt.get() - before)
        .isBetween(
            CallRequest.DEFAULT_MAX_CALL_LENGTH.toMillis(),
            CallRequest.DEFAULT_MAX_CALL_LENGTH.plusMinutes(1).toMillis());
    verify(calls, times(1)).placeCall(any());
  }

  @Test
  void aNinetyMinuteCallIsFollowedToItsEndAndNotRedialed() {
    when(calls.placeCall(any())).thenReturn(Placement.placed(CALL, "e-long"));
    long placedAt = env.currentTimeMillis();
    when(calls.pollStatus("e-long"))
        .thenAnswer(
            invocation ->
                env.currentTimeMillis() - placedAt < Duration.ofMinutes(90).toMillis()
                    ? "in-progress"
                    : "completed");
    AtomicLong finalizedAt = new AtomicLong();
    when(calls.finalizeCall(any()))
        .thenAnswer(
            invocation -> {
              finalizedAt.set(env.currentTimeMillis());
              return answered();
            });

    CallOutcome outcome = runWithSignals(adhoc(3));

    assertThat(outcome.status()).isEqualTo("completed");
    verify(calls, times(1)).placeCall(any());
    verify(calls).finalizeCall(argThat(call -> call.status().equals("completed")));
    assertThat(finalizedAt.get() - placedAt)
        .isBetween(
            Duration.ofMinutes(90).toMillis(),
            Duration.ofMinutes(90).plus(CallWorkflowImpl.LONGEST_POLL_PAUSE).toMillis());
  }

  @Test
  void aPollThatFailsCountsAsNoNewsNotAsTheCallsEnd() {
    when(calls.placeCall(any())).thenReturn(Placement.placed(CALL, "e-flaky"));
    when(calls.pollStatus("e-flaky"))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("Bolna unreachable", "Unreachable"))
        .thenReturn("completed");
    when(calls.finalizeCall(any())).thenReturn(answered());

    CallOutcome outcome = runWithSignals(adhoc(1));

    assertThat(outcome.status()).isEqualTo("completed");
  }

  @Test
  void aCallTheProviderRefusesFailsAtOnceWithItsReason() {
    when(calls.placeCall(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "Bolna answered 400: invalid number", CallActivities.PROVIDER_REFUSED));

    CallOutcome outcome = runWithSignals(adhoc(2));

    assertThat(outcome.status()).isEqualTo("failed");
    assertThat(outcome.reason()).isEqualTo("Bolna answered 400: invalid number");
    verify(calls, times(1)).placeCall(any());
    verify(calls).closeWithoutCall(argThat(close -> close.status().equals("failed")));
  }

  @Test
  void aPlacementInterruptedInTheMiddleIsRetriedWithTheSameAttemptKey() {
    List<String> keys = new ArrayList<>();
    when(calls.placeCall(any()))
        .thenAnswer(
            invocation -> {
              keys.add(invocation.<PlaceCall>getArgument(0).attemptKey());
              if (keys.size() == 1) {
                throw new IllegalStateException("worker died after sending POST /call");
              }
              return Placement.placed(CALL, "e-once");
            });
    when(calls.finalizeCall(any())).thenReturn(answered());

    CallWorkflow workflow = newWorkflow("call-interrupted");
    WorkflowClient.start(workflow::run, adhoc(1));
    workflow.providerStatus(new ProviderStatus("e-once", "completed"));
    WorkflowStub.fromTyped(workflow).getResult(CallOutcome.class);

    assertThat(keys).containsExactly("call-interrupted:1", "call-interrupted:1");
  }

  @Test
  void aCallTheGateClosesEndsWithItsReasonAndIsNeitherFinalizedNorBilled() {
    when(calls.placeCall(any())).thenReturn(Placement.closed("skipped", "no credits left"));

    CallOutcome outcome = runWithSignals(adhoc(2));

    assertThat(outcome.status()).isEqualTo("skipped");
    assertThat(outcome.reason()).isEqualTo("no credits left");
    assertThat(outcome.attempts()).isZero();
    verify(calls, times(1)).placeCall(any());
    verify(calls, never()).hasCredits(any());
    verify(calls, never()).finalizeCall(any());
    verify(billing, never()).debitCall(any());
  }

  @Test
  void aCallTheGateHoldsBackWaitsAndAsksAgainWithTheSameAttemptKey() {
    List<String> keys = new ArrayList<>();
    AtomicInteger asked = new AtomicInteger();
    doAnswer(
            invocation -> {
              keys.add(invocation.<PlaceCall>getArgument(0).attemptKey());
              return asked.incrementAndGet() < 3
                  ? Placement.waiting(
                      Duration.ofMinutes(10).toMillis(), "pacing: 450 calls per minute")
                  : Placement.placed(CALL, "e-paced");
            })
        .when(calls)
        .placeCall(any());
    when(calls.finalizeCall(any())).thenReturn(answered());
    CallWorkflow workflow = newWorkflow("call-paced");
    WorkflowClient.start(workflow::run, adhoc(1));
    long before = env.currentTimeMillis();

    env.sleep(Duration.ofMinutes(15));
    assertThat(workflow.progress().stage()).startsWith("waiting: pacing");
    env.sleep(Duration.ofMinutes(6));
    workflow.providerStatus(new ProviderStatus("e-paced", "completed"));
    CallOutcome outcome = WorkflowStub.fromTyped(workflow).getResult(CallOutcome.class);

    assertThat(outcome.status()).isEqualTo("completed");
    assertThat(keys).containsExactly("call-paced:1", "call-paced:1", "call-paced:1");
    assertThat(env.currentTimeMillis() - before)
        .isGreaterThanOrEqualTo(Duration.ofMinutes(20).toMillis());
  }

  @Test
  void aCampaignItemNotConnectedGoesBackToTheQueueInsteadOfWaiting() {
    when(calls.placeCall(any())).thenReturn(Placement.placed(CALL, "e-q"));
    when(calls.finalizeCall(any())).thenReturn(notConnected("busy"));
    CallRequest campaignItem = request(UUID.randomUUID(), UUID.randomUUID(), ADA, null, 3, 1);

    CallOutcome outcome = runWithSignals(campaignItem, new ProviderStatus("e-q", "busy"));

    assertThat(outcome).isEqualTo(new CallOutcome(CALL, "e-q", "requeued", false, 1, 0, "busy"));
    verify(calls, times(1)).placeCall(any());
    verify(calls, times(1)).finalizeCall(any());
  }

  @Test
  void aRequeuedCampaignItemContinuesItsAttemptCount() {
    when(calls.placeCall(any())).thenReturn(Placement.placed(CALL, "e-second"));
    when(calls.finalizeCall(any())).thenReturn(notConnected("busy"));
    CallRequest secondRun = request(UUID.randomUUID(), UUID.randomUUID(), ADA, null, 2, 2);
    CallWorkflow workflow = newWorkflow("call-item");

    CallOutcome outcome = run(workflow, secondRun, new ProviderStatus("e-second", "busy"));

    ArgumentCaptor<PlaceCall> placed = ArgumentCaptor.forClass(PlaceCall.class);
    verify(calls).placeCall(placed.capture());
    assertThat(placed.getValue().attemptKey()).isEqualTo("call-item:2");
    ArgumentCaptor<FinalizeCall> finalized = ArgumentCaptor.forClass(FinalizeCall.class);
    verify(calls).finalizeCall(finalized.capture());
    assertThat(finalized.getValue().retryPossible()).isFalse();
    assertThat(outcome.status()).isEqualTo("failed");
  }

  @Test
  void aCampaignItemTheGateSendsBackToTheQueueEndsRequeuedWithoutSpendingAnAttempt() {
    when(calls.placeCall(any())).thenReturn(Placement.requeued("waiting for credits"));
    CallRequest item = request(UUID.randomUUID(), UUID.randomUUID(), ADA, null, 2, 1);

    CallOutcome outcome = runWithSignals(item);

    assertThat(outcome.status()).isEqualTo("requeued");
    assertThat(outcome.reason()).isEqualTo("waiting for credits");
    assertThat(outcome.attempts()).isZero();
    verify(calls, never()).hasCredits(any());
    verify(calls, never()).closeWithoutCall(any());
    verify(calls, never()).finalizeCall(any());
  }

  @Test
  void aQueuedOneOffCallNobodyAnsweredGoesBackToItsQueueInsteadOfWaiting() {
    when(calls.placeCall(any())).thenReturn(Placement.placed(CALL, "e-oneoff"));
    when(calls.finalizeCall(any())).thenReturn(notConnected("no-answer"));
    CallRequest adhoc = adhoc(3);
    CallRequest queued =
        CallRequest.queuedOneOff(
            adhoc.userId(),
            adhoc.agentId(),
            adhoc.bolnaAgentId(),
            adhoc.contactId(),
            adhoc.phoneNumber(),
            adhoc.userData(),
            3,
            adhoc.retryDelay(),
            adhoc.noNewsTimeout(),
            2);
    // Read inside the activity that ends the request: once a workflow has ended, the test server
    // may skip time ahead before the test reads the clock.
    java.util.concurrent.atomic.AtomicLong handedBack =
        new java.util.concurrent.atomic.AtomicLong();
    org.mockito.Mockito.doAnswer(
            invocation -> {
              handedBack.set(env.currentTimeMillis());
              return null;
            })
        .when(calls)
        .endRequest(any());
    long before = env.currentTimeMillis();

    CallOutcome outcome = runWithSignals(queued, new ProviderStatus("e-oneoff", "no-answer"));

    assertThat(outcome.status()).isEqualTo("requeued");
    assertThat(outcome.attempts()).isEqualTo(2);
    assertThat(handedBack.get()).as("the request was handed back").isPositive();
    assertThat(handedBack.get() - before).isLessThan(adhoc.retryDelay().toMillis());
    verify(calls, times(1)).placeCall(argThat(place -> place.attemptKey().endsWith(":2")));
    verify(calls).finalizeCall(argThat(FinalizeCall::retryPossible));
  }

  @Test
  void aCallRestartedByRecoveryAsksBolnaAtOnceInsteadOfWaitingForNews() {
    when(calls.placeCall(any())).thenReturn(Placement.resumed(CALL, "e-resumed"));
    // Read when Bolna is asked, inside the activity: time never skips while one runs, whereas
    // after the workflow ends the test server may skip far ahead before the result is read.
    java.util.concurrent.atomic.AtomicLong askedAt = new java.util.concurrent.atomic.AtomicLong();
    when(calls.pollStatus("e-resumed"))
        .thenAnswer(
            invocation -> {
              askedAt.set(env.currentTimeMillis());
              return "completed";
            });
    when(calls.finalizeCall(any())).thenReturn(answered());
    long before = env.currentTimeMillis();

    CallOutcome outcome = runWithSignals(adhoc(1));

    assertThat(outcome.status()).isEqualTo("completed");
    assertThat(askedAt.get() - before).isLessThan(adhoc(1).noNewsTimeout().toMillis());
    verify(calls, times(1)).pollStatus("e-resumed");
  }

  @Test
  void aBilledVoicemailIsDebitedButNotScored() {
    when(calls.placeCall(any())).thenReturn(Placement.placed(CALL, "e-vm"));
    when(calls.finalizeCall(any()))
        .thenReturn(new Finalized(CALL, false, false, 25, "failed", true));
    when(billing.debitCall(CALL)).thenReturn(1);

    CallOutcome outcome = runWithSignals(adhoc(1), new ProviderStatus("e-vm", "completed"));

    assertThat(outcome.answered()).isFalse();
    assertThat(outcome.creditsUsed()).isEqualTo(1);
    verify(billing).debitCall(CALL);
    verify(leads, never()).scoreCall(any());
  }

  private static CallRequest campaignItem(UUID campaignId, int maxAttempts) {
    CallRequest adhoc = adhoc(maxAttempts);
    return new CallRequest(
        adhoc.userId(),
        adhoc.agentId(),
        adhoc.bolnaAgentId(),
        adhoc.contactId(),
        UUID.randomUUID(),
        campaignId,
        adhoc.phoneNumber(),
        adhoc.userData(),
        null,
        maxAttempts,
        adhoc.retryDelay(),
        adhoc.noNewsTimeout(),
        1);
  }

  private <T> T startRunning(Class<T> type, String id) {
    return client.newWorkflowStub(
        type,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(TaskQueues.OUTDIAL).build());
  }

  private void startDispatcher() {
    WorkflowClient.start(
        startRunning(DispatcherWorkflow.class, WorkflowIds.DISPATCHER)::run,
        DispatcherState.defaults());
  }

  /** Seconds after the placement at which Bolna was asked about the call. */
  private List<Long> pollsOfALiveCall(String executionId, Duration maxCallLength, long endsAfter) {
    AtomicLong placedAt = new AtomicLong();
    when(calls.placeCall(any()))
        .thenAnswer(
            invocation -> {
              placedAt.set(env.currentTimeMillis());
              return Placement.placed(CALL, executionId);
            });
    List<Long> polledAfter = new CopyOnWriteArrayList<>();
    when(calls.pollStatus(executionId))
        .thenAnswer(
            invocation -> {
              long after = env.currentTimeMillis() - placedAt.get();
              polledAfter.add(after / 1000);
              return after >= endsAfter ? "completed" : "in-progress";
            });
    return polledAfter;
  }

  private static void assertAskedAt(List<Long> polledAfter, long... expectedSeconds) {
    assertThat(polledAfter).hasSize(expectedSeconds.length);
    for (int poll = 0; poll < expectedSeconds.length; poll++) {
      assertThat(polledAfter.get(poll))
          .as("poll %d", poll + 1)
          .isBetween(expectedSeconds[poll], expectedSeconds[poll] + 3);
    }
  }

  @Test
  void bolnaIsAskedAtPausesDoublingFromThirtySecondsUpToFiveMinutesUntilTheMaximumLength() {
    List<Long> polledAfter = pollsOfALiveCall("e-live", Duration.ofMinutes(40), Long.MAX_VALUE);
    when(calls.finalizeCall(any())).thenReturn(new Finalized(CALL, false, false, 0, "unknown"));

    CallOutcome outcome = runWithSignals(adhoc(1).withMaxCallLength(Duration.ofMinutes(40)));

    // 15 minutes without news, then pauses of 30 s, 1, 2 and 4 minutes, then 5 minutes each,
    // and a last shorter one that ends at the maximum length of 40 minutes.
    assertAskedAt(polledAfter, 900, 930, 990, 1110, 1350, 1650, 1950, 2250, 2400);
    verify(calls).finalizeCall(argThat(call -> call.status().equals("unknown")));
    assertThat(outcome.reason()).contains("maximum call length of PT40M");
  }

  @Test
  void aCallBolnaReportsEndedAtTheLastPollBeforeTheMaximumLengthEndsAsReported() {
    List<Long> polledAfter =
        pollsOfALiveCall("e-edge", Duration.ofMinutes(20), Duration.ofMinutes(20).toMillis());
    when(calls.finalizeCall(any())).thenReturn(answered());

    CallOutcome outcome = runWithSignals(adhoc(1).withMaxCallLength(Duration.ofMinutes(20)));

    assertAskedAt(polledAfter, 900, 930, 990, 1110, 1200);
    ArgumentCaptor<FinalizeCall> finalized = ArgumentCaptor.forClass(FinalizeCall.class);
    verify(calls).finalizeCall(finalized.capture());
    assertThat(finalized.getValue().status()).isEqualTo("completed");
    assertThat(finalized.getValue().reason()).isNull();
    assertThat(outcome.status()).isEqualTo("completed");
    assertThat(outcome.reason()).isNull();
  }

  @Test
  void aWebhookDuringAPauseBetweenPollsEndsTheCallWithoutWaitingForTheNextPoll() {
    List<Long> polledAfter = pollsOfALiveCall("e-pause", Duration.ofHours(2), Long.MAX_VALUE);
    AtomicLong finalizedAt = new AtomicLong();
    when(calls.finalizeCall(any()))
        .thenAnswer(
            invocation -> {
              finalizedAt.set(env.currentTimeMillis());
              return answered();
            });
    CallWorkflow workflow = newWorkflow("call-webhook-in-pause");
    WorkflowClient.start(workflow::run, adhoc(1));
    long started = env.currentTimeMillis();

    env.sleep(Duration.ofMinutes(16));
    workflow.providerStatus(new ProviderStatus("e-pause", "completed"));
    CallOutcome outcome = WorkflowStub.fromTyped(workflow).getResult(CallOutcome.class);

    assertThat(outcome.status()).isEqualTo("completed");
    assertThat(polledAfter).hasSize(2);
    assertThat(finalizedAt.get() - started)
        .isBetween(Duration.ofMinutes(16).toMillis(), Duration.ofMinutes(16).toMillis() + 5_000);
    verify(calls).finalizeCall(argThat(call -> call.reason() == null));
  }

  @Test
  void aCampaignCallTellsItsCampaignAndWakesTheDispatcherWhenItEnds() {
    UUID campaignId = UUID.randomUUID();
    WorkflowClient.start(
        startRunning(CampaignWorkflow.class, WorkflowIds.campaign(campaignId))::run,
        CampaignRun.of(campaignId, Duration.ofHours(1)));
    startDispatcher();
    when(calls.placeCall(any())).thenReturn(Placement.placed(CALL, "e-campaign"));
    when(calls.finalizeCall(any())).thenReturn(answered());

    CallOutcome outcome =
        runWithSignals(campaignItem(campaignId, 1), new ProviderStatus("e-campaign", "completed"));

    assertThat(outcome.status()).isEqualTo("completed");
    // The signals are sent before the call ends; the campaign and the dispatcher take them in
    // their own workflow tasks, which may run just after.
    org.awaitility.Awaitility.await()
        .untilAsserted(
            () -> {
              assertThat(ListeningCampaign.CALLS_FINISHED).hasValue(1);
              assertThat(IdleDispatcher.WAKES).hasValue(1);
            });
    verify(calls, never()).endRequest(any());
  }

  @Test
  void aOneOffCallEndsItsRequestAndWakesTheDispatcherWhenItEnds() {
    startDispatcher();
    when(calls.placeCall(any())).thenReturn(Placement.placed(CALL, "e-one-off"));
    when(calls.finalizeCall(any())).thenReturn(answered());
    CallWorkflow workflow = newWorkflow("call-adhoc-ended");
    WorkflowClient.start(workflow::run, adhoc(1));
    workflow.providerStatus(new ProviderStatus("e-one-off", "completed"));

    WorkflowStub.fromTyped(workflow).getResult(CallOutcome.class);

    verify(calls).endRequest("call-adhoc-ended");
    org.awaitility.Awaitility.await()
        .untilAsserted(() -> assertThat(IdleDispatcher.WAKES).hasValue(1));
    assertThat(ListeningCampaign.CALLS_FINISHED).hasValue(0);
  }

  @Test
  void aCallWhoseCampaignAndDispatcherAreGoneStillEnds() {
    when(calls.placeCall(any())).thenReturn(Placement.placed(CALL, "e-alone"));
    when(calls.finalizeCall(any())).thenReturn(answered());

    CallOutcome outcome =
        runWithSignals(
            campaignItem(UUID.randomUUID(), 1), new ProviderStatus("e-alone", "completed"));

    assertThat(outcome.status()).isEqualTo("completed");
    assertThat(IdleDispatcher.WAKES).hasValue(0);
  }

  @Test
  void anInboundCallIsFollowedOnceWithoutDialingOrEndingARequest() {
    CallRequest inbound = request(null, null, Map.of(), "e-inbound", 3, 1);
    when(calls.finalizeCall(any())).thenReturn(notConnected("no-answer"));
    CallWorkflow workflow = newWorkflow("call-exec-e-inbound");

    CallOutcome outcome = run(workflow, inbound, new ProviderStatus("e-inbound", "no-answer"));

    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(outcome.executionId()).isEqualTo("e-inbound");
    verify(calls, never()).placeCall(any());
    verify(calls, never()).endRequest(any());
    verify(calls).finalizeCall(argThat(call -> !call.retryPossible()));
    assertThat(workflow.progress())
        .isEqualTo(new CallProgress(1, "done", "e-inbound", "no-answer"));
  }

  @Test
  void aFollowedCallThatBolnaAlreadyHasIsNeverDialed() {
    CallRequest following =
        CallRequest.following(
            USER,
            UUID.randomUUID(),
            "bolna-agent",
            UUID.randomUUID(),
            "+14155552671",
            "e-followed",
            Duration.ofMinutes(15));
    when(calls.finalizeCall(any())).thenReturn(answered());

    CallOutcome outcome = runWithSignals(following, new ProviderStatus("e-followed", "completed"));

    assertThat(outcome.status()).isEqualTo("completed");
    verify(calls, never()).placeCall(any());
    verify(calls).finalizeCall(argThat(call -> call.executionId().equals("e-followed")));
  }

  @Test
  void aCallAskedForNoAttemptsIsStillDialedOnceWithItsFirstAttemptKey() {
    CallRequest none = request(null, null, ADA, null, 0, 0);
    when(calls.placeCall(any())).thenReturn(Placement.placed(CALL, "e-none"));
    when(calls.finalizeCall(any())).thenReturn(notConnected("busy"));
    CallWorkflow workflow = newWorkflow("call-no-attempts");

    CallOutcome outcome = run(workflow, none, new ProviderStatus("e-none", "busy"));

    assertThat(outcome.attempts()).isEqualTo(1);
    verify(calls).placeCall(argThat(place -> place.attemptKey().equals("call-no-attempts:1")));
    verify(calls).finalizeCall(argThat(call -> !call.retryPossible()));
  }

  @Test
  void aGateThatSaysWaitWithoutSayingHowLongIsAskedAgainAfterASecond() {
    List<Long> askedAt = new CopyOnWriteArrayList<>();
    doAnswer(
            invocation -> {
              askedAt.add(env.currentTimeMillis());
              return askedAt.size() == 1
                  ? Placement.waiting(0, "pacing")
                  : Placement.placed(CALL, "e-soon");
            })
        .when(calls)
        .placeCall(any());
    when(calls.finalizeCall(any())).thenReturn(answered());

    runWithSignals(adhoc(1), new ProviderStatus("e-soon", "completed"));

    assertThat(askedAt).hasSize(2);
    assertThat(askedAt.get(1) - askedAt.get(0)).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void aFinalStatusThatCameBeforeThePlacementsAnswerEndsTheCallWithoutPolling() {
    AtomicReference<CallWorkflow> workflow = new AtomicReference<>();
    when(calls.placeCall(any()))
        .thenAnswer(
            invocation -> {
              workflow.get().providerStatus(new ProviderStatus("e-raced", "ringing"));
              workflow.get().providerStatus(new ProviderStatus("e-raced", "completed"));
              workflow.get().providerStatus(new ProviderStatus("e-other", "busy"));
              return Placement.placed(CALL, "e-raced");
            });
    when(calls.finalizeCall(any())).thenReturn(answered());
    workflow.set(newWorkflow("call-raced"));
    WorkflowClient.start(workflow.get()::run, adhoc(1));

    CallOutcome outcome = WorkflowStub.fromTyped(workflow.get()).getResult(CallOutcome.class);

    assertThat(outcome.status()).isEqualTo("completed");
    verify(calls, never()).pollStatus(any());
    verify(calls).finalizeCall(argThat(call -> call.status().equals("completed")));
    assertThat(workflow.get().progress())
        .isEqualTo(new CallProgress(1, "done", "e-raced", "completed"));
  }

  @Test
  void aNewAttemptWaitsForItsOwnStatusNotTheOneOfTheAttemptBefore() {
    when(calls.placeCall(any()))
        .thenReturn(Placement.placed(CALL, "e-a"), Placement.placed(CALL, "e-b"));
    when(calls.pollStatus("e-b")).thenReturn("completed");
    when(calls.finalizeCall(any())).thenReturn(notConnected("busy"), answered());
    CallWorkflow workflow = newWorkflow("call-own-status");
    WorkflowClient.start(workflow::run, adhoc(2));
    workflow.providerStatus(new ProviderStatus("e-a", "busy"));

    CallOutcome outcome = WorkflowStub.fromTyped(workflow).getResult(CallOutcome.class);

    assertThat(outcome.status()).isEqualTo("completed");
    ArgumentCaptor<FinalizeCall> finalized = ArgumentCaptor.forClass(FinalizeCall.class);
    verify(calls, times(2)).finalizeCall(finalized.capture());
    assertThat(finalized.getAllValues())
        .extracting(FinalizeCall::executionId, FinalizeCall::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("e-a", "busy"),
            org.assertj.core.groups.Tuple.tuple("e-b", "completed"));
    verify(calls).pollStatus("e-b");
  }

  @Test
  void statusesWithoutAnExecutionOrAStatusAndStatusesOfOtherCallsAreIgnored() throws Exception {
    when(calls.placeCall(any())).thenReturn(Placement.placed(CALL, "e-mine"));
    when(calls.finalizeCall(any())).thenReturn(answered());
    CallWorkflow workflow = newWorkflow("call-mine");
    WorkflowClient.start(workflow::run, adhoc(1));
    env.sleep(Duration.ofMinutes(1));

    workflow.providerStatus(null);
    workflow.providerStatus(new ProviderStatus(null, "completed"));
    workflow.providerStatus(new ProviderStatus("e-mine", null));
    workflow.providerStatus(new ProviderStatus("e-other", "completed"));
    env.sleep(Duration.ofMinutes(1));

    assertThat(workflow.progress()).isEqualTo(new CallProgress(1, "in call", "e-mine", null));
    verify(calls, never()).finalizeCall(any());
    workflow.providerStatus(new ProviderStatus("e-mine", "completed"));
    CallOutcome outcome =
        WorkflowStub.fromTyped(workflow).getResult(30, TimeUnit.SECONDS, CallOutcome.class);
    assertThat(outcome.status()).isEqualTo("completed");
    verify(calls, never()).pollStatus(any());
  }

  @Test
  void progressTellsWhichStepTheCallIsAt() {
    AtomicReference<CallWorkflow> workflow = new AtomicReference<>();
    List<String> stages = new CopyOnWriteArrayList<>();
    Runnable noteStage = () -> stages.add(workflow.get().progress().stage());
    when(calls.placeCall(any()))
        .thenAnswer(
            invocation -> {
              noteStage.run();
              return Placement.placed(CALL, "e-steps");
            });
    when(calls.pollStatus("e-steps"))
        .thenAnswer(
            invocation -> {
              noteStage.run();
              return "completed";
            });
    when(calls.finalizeCall(any()))
        .thenAnswer(
            invocation -> {
              noteStage.run();
              return answered();
            });
    when(billing.debitCall(CALL))
        .thenAnswer(
            invocation -> {
              noteStage.run();
              return 2;
            });
    doAnswer(
            invocation -> {
              noteStage.run();
              return null;
            })
        .when(leads)
        .scoreCall(CALL);
    workflow.set(newWorkflow("call-steps"));
    WorkflowClient.start(workflow.get()::run, adhoc(1));

    env.sleep(Duration.ofMinutes(1));
    CallProgress waiting = workflow.get().progress();
    workflow.get().providerStatus(new ProviderStatus("e-steps", "ringing"));
    CallProgress ringing = workflow.get().progress();
    WorkflowStub.fromTyped(workflow.get()).getResult(CallOutcome.class);

    assertThat(waiting).isEqualTo(new CallProgress(1, "in call", "e-steps", null));
    assertThat(ringing).isEqualTo(new CallProgress(1, "in call", "e-steps", "ringing"));
    assertThat(stages).containsExactly("placing", "polling", "finalizing", "billing", "scoring");
    assertThat(workflow.get().progress())
        .isEqualTo(new CallProgress(1, "done", "e-steps", "completed"));
  }

  @Test
  void progressTellsThatACallWaitsToBeDialedAgain() {
    when(calls.placeCall(any()))
        .thenReturn(Placement.placed(CALL, "e-first"), Placement.placed(CALL, "e-second"));
    when(calls.finalizeCall(any())).thenReturn(notConnected("busy"), answered());
    CallWorkflow workflow = newWorkflow("call-waits");
    WorkflowClient.start(workflow::run, adhoc(2));
    env.sleep(Duration.ofMinutes(1));
    workflow.providerStatus(new ProviderStatus("e-first", "busy"));

    env.sleep(Duration.ofMinutes(30));

    assertThat(workflow.progress())
        .isEqualTo(new CallProgress(1, "waiting to retry", "e-first", "busy"));
    workflow.providerStatus(new ProviderStatus("e-second", "completed"));
    WorkflowStub.fromTyped(workflow).getResult(CallOutcome.class);
    assertThat(workflow.progress()).isEqualTo(new CallProgress(2, "done", "e-second", "completed"));
  }

  @Test
  void progressTellsWhyTheGateRefusedACall() {
    when(calls.placeCall(any())).thenReturn(Placement.closed("skipped", "no credits left"));
    CallWorkflow workflow = newWorkflow("call-refused");
    WorkflowClient.start(workflow::run, adhoc(1));

    WorkflowStub.fromTyped(workflow).getResult(CallOutcome.class);

    assertThat(workflow.progress().stage()).isEqualTo("refused: no credits left");
  }
}
