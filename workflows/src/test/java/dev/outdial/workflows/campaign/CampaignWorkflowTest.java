package dev.outdial.workflows.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.outdial.workflows.common.RunHistories;
import dev.outdial.workflows.common.TaskQueues;
import dev.outdial.workflows.common.WorkflowIds;
import dev.outdial.workflows.dispatch.DispatcherState;
import dev.outdial.workflows.dispatch.DispatcherWorkflow;
import dev.outdial.workflows.dispatch.IdleDispatcher;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The campaign workflow with a scripted review: when it looks, when it ends, whom it wakes. */
class CampaignWorkflowTest {

  private static final UUID CAMPAIGN = UUID.randomUUID();

  private TestWorkflowEnvironment env;
  private CampaignActivities activities;
  private final List<Instant> reviews = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    IdleDispatcher.WAKES.set(0);
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueues.OUTDIAL);
    worker.registerWorkflowImplementationTypes(CampaignWorkflowImpl.class, IdleDispatcher.class);
    activities = mock(CampaignActivities.class, withSettings().withoutAnnotations());
    worker.registerActivitiesImplementations(activities);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private void script(IntFunction<CampaignProgress> review) {
    when(activities.review(any()))
        .thenAnswer(
            invocation -> {
              reviews.add(Instant.ofEpochMilli(env.currentTimeMillis()));
              return review.apply(reviews.size());
            });
  }

  private static CampaignProgress progress(String status, int queued, int processing) {
    return new CampaignProgress(status, queued, processing, 0, 10, false, -1);
  }

  private CampaignWorkflow campaign() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            CampaignWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.campaign(CAMPAIGN))
                .setTaskQueue(TaskQueues.OUTDIAL)
                .build());
  }

  /** A campaign started, with a poll interval of an hour, and looked at once, a minute ago. */
  private CampaignWorkflow startedAndLookedAtAMinuteAgo(int roundsPerRun) {
    CampaignWorkflow campaign = campaign();
    WorkflowClient.start(
        campaign::run, new CampaignRun(CAMPAIGN, Duration.ofHours(1), roundsPerRun));
    env.sleep(Duration.ofMinutes(1));
    assertThat(reviews).hasSize(1);
    return campaign;
  }

  private WorkflowExecutionStatus status() {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(WorkflowIds.campaign(CAMPAIGN))
        .describe()
        .getWorkflowExecutionInfo()
        .getStatus();
  }

  @Test
  void aScheduledCampaignIsLookedAtAgainWhenItsStartDateComesAndWakesTheDispatcher() {
    WorkflowClient.start(
        env.getWorkflowClient()
                .newWorkflowStub(
                    DispatcherWorkflow.class,
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(WorkflowIds.DISPATCHER)
                        .setTaskQueue(TaskQueues.OUTDIAL)
                        .build())
            ::run,
        DispatcherState.defaults());
    Instant started = Instant.ofEpochMilli(env.currentTimeMillis());
    Duration untilStart = Duration.ofDays(2).plusHours(3);
    script(
        round ->
            round == 1
                ? new CampaignProgress("scheduled", 10, 0, 0, 10, false, untilStart.toMillis())
                : new CampaignProgress("active", 10, 0, 0, 10, round == 2, -1));
    WorkflowClient.start(campaign()::run, new CampaignRun(CAMPAIGN, Duration.ofDays(7), 100));

    env.sleep(Duration.ofDays(3));

    assertThat(reviews).hasSize(2);
    assertThat(Duration.between(started, reviews.get(1)))
        .isBetween(untilStart, untilStart.plusSeconds(5));
    assertThat(IdleDispatcher.WAKES.get()).isEqualTo(1);
  }

  @Test
  void aFinishedCallMakesItLookAtOnceAndItEndsWhenTheCampaignCompletes() {
    AtomicInteger calls = new AtomicInteger(2);
    script(
        round ->
            calls.get() > 0 ? progress("active", calls.get(), 0) : progress("completed", 0, 0));
    CampaignWorkflow campaign = startedAndLookedAtAMinuteAgo(100);

    calls.decrementAndGet();
    campaign.callFinished();
    env.sleep(Duration.ofSeconds(5));
    assertThat(reviews).hasSize(2);
    assertThat(campaign.progress().queued()).isEqualTo(1);

    calls.decrementAndGet();
    campaign.callFinished();
    WorkflowStub.fromTyped(campaign).getResult(Void.class);

    assertThat(reviews).hasSize(3);
    assertThat(Duration.between(reviews.get(0), reviews.get(2))).isLessThan(Duration.ofMinutes(2));
    assertThat(status()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  @Test
  void withoutSignalsItStillLooksEveryPollInterval() {
    script(round -> progress("active", 5, 1));
    WorkflowClient.start(campaign()::run, new CampaignRun(CAMPAIGN, Duration.ofMinutes(1), 1000));

    env.sleep(Duration.ofMinutes(10).plusSeconds(30));

    assertThat(reviews).hasSizeBetween(10, 12);
  }

  @Test
  void aCancelledCampaignWaitsForItsCallsInProgressThenEnds() {
    AtomicInteger inProgress = new AtomicInteger(1);
    script(
        round ->
            round == 1 ? progress("active", 3, 1) : progress("cancelled", 0, inProgress.get()));
    CampaignWorkflow campaign = campaign();
    WorkflowClient.start(campaign::run, new CampaignRun(CAMPAIGN, Duration.ofHours(1), 100));
    // Cancelled after its first look, not in the same workflow task as its start.
    org.awaitility.Awaitility.await().until(() -> reviews.size() == 1);

    campaign.cancel();
    org.awaitility.Awaitility.await()
        .untilAsserted(() -> assertThat(campaign.progress().status()).isEqualTo("cancelled"));
    env.sleep(Duration.ofSeconds(5));
    assertThat(status()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    inProgress.set(0);
    campaign.callFinished();
    WorkflowStub.fromTyped(campaign).getResult(Void.class);
    assertThat(status()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  @Test
  void aDeletedCampaignEndsItsWorkflow() {
    script(round -> progress(CampaignProgress.MISSING, 0, 0));
    CampaignWorkflow campaign = campaign();
    WorkflowClient.start(campaign::run, new CampaignRun(CAMPAIGN, Duration.ofHours(1), 100));

    WorkflowStub.fromTyped(campaign).getResult(Void.class);

    assertThat(reviews).hasSize(1);
  }

  @Test
  void itContinuesAsNewAfterItsRoundsAndKeepsLooking() {
    script(round -> progress("paused", 5, 0));
    WorkflowClient.start(campaign()::run, new CampaignRun(CAMPAIGN, Duration.ofMinutes(1), 3));

    env.sleep(Duration.ofMinutes(10).plusSeconds(30));

    assertThat(reviews).hasSizeBetween(10, 12);
    String firstRun =
        env.getWorkflowClient()
            .newUntypedWorkflowStub(WorkflowIds.campaign(CAMPAIGN))
            .describe()
            .getWorkflowExecutionInfo()
            .getFirstRunId();
    String currentRun =
        env.getWorkflowClient()
            .newUntypedWorkflowStub(WorkflowIds.campaign(CAMPAIGN))
            .describe()
            .getWorkflowExecutionInfo()
            .getExecution()
            .getRunId();
    assertThat(currentRun).isNotEqualTo(firstRun);
  }

  private String currentRun() {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(WorkflowIds.campaign(CAMPAIGN))
        .describe()
        .getWorkflowExecutionInfo()
        .getExecution()
        .getRunId();
  }

  @Test
  void aPauseAResumeOrNewCreditsMakeItLookAtOnce() {
    script(round -> progress("active", 5, 0));
    CampaignWorkflow campaign = startedAndLookedAtAMinuteAgo(100);

    campaign.pause();
    env.sleep(Duration.ofSeconds(5));
    assertThat(reviews).hasSize(2);

    campaign.resume();
    env.sleep(Duration.ofSeconds(5));
    assertThat(reviews).hasSize(3);

    campaign.creditsArrived();
    env.sleep(Duration.ofSeconds(5));
    assertThat(reviews).hasSize(4);
  }

  @Test
  void theCallsThatFinishWithinASecondShareOneLook() {
    script(round -> progress("active", 500, 100));
    CampaignWorkflow campaign = startedAndLookedAtAMinuteAgo(10_000);

    campaign.callFinished();
    env.sleep(Duration.ofMillis(100));
    for (int call = 0; call < 50; call++) {
      campaign.callFinished();
    }
    env.sleep(Duration.ofSeconds(5));

    // The first finished call is looked at at once, a minute after the last look; the fifty that
    // came while that look was fresh share the next, a second after it (two, should sending them
    // take the test more than that second).
    // The gap is kept in the workflow's time; a review is noted when its activity runs, which can
    // be a few milliseconds after the workflow asked for it.
    Duration scheduling = Duration.ofMillis(50);
    assertThat(reviews).hasSizeBetween(3, 4);
    for (int look = 2; look < reviews.size(); look++) {
      assertThat(Duration.between(reviews.get(look - 1), reviews.get(look)))
          .isGreaterThanOrEqualTo(CampaignWorkflowImpl.LOOK_GAP.minus(scheduling));
    }
  }

  @Test
  void aChangeDueNowIsLookedAtAgainAtOnceRatherThanAfterThePollInterval() {
    script(
        round ->
            round == 1
                ? new CampaignProgress("scheduled", 10, 0, 0, 10, false, 0)
                : progress("active", 10, 0));
    WorkflowClient.start(campaign()::run, new CampaignRun(CAMPAIGN, Duration.ofHours(1), 100));

    env.sleep(Duration.ofMinutes(1));

    assertThat(reviews).hasSize(2);
    assertThat(Duration.between(reviews.get(0), reviews.get(1))).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void itContinuesAsNewExactlyAfterItsRounds() {
    script(round -> progress("active", 5, 0));
    WorkflowClient.start(campaign()::run, new CampaignRun(CAMPAIGN, Duration.ofHours(1), 3));
    String firstRun = currentRun();

    env.sleep(Duration.ofMinutes(150));
    assertThat(reviews).hasSize(3);
    assertThat(currentRun()).isEqualTo(firstRun);

    env.sleep(Duration.ofMinutes(60));
    assertThat(reviews).hasSize(4);
    assertThat(currentRun()).isNotEqualTo(firstRun);
  }

  @Test
  void itContinuesAsNewAfterAThousandSignalsWhateverItsRounds() {
    script(round -> progress("active", 5, 0));
    CampaignWorkflow campaign = campaign();
    WorkflowClient.start(campaign::run, new CampaignRun(CAMPAIGN, Duration.ofDays(1), 100_000));
    String firstRun = currentRun();

    for (int signal = 1; signal < CampaignWorkflowImpl.SIGNALS_PER_RUN; signal++) {
      campaign.callFinished();
    }
    env.sleep(Duration.ofSeconds(5));
    assertThat(currentRun()).isEqualTo(firstRun);

    campaign.callFinished();
    env.sleep(Duration.ofSeconds(5));
    assertThat(currentRun()).isNotEqualTo(firstRun);
  }

  @Test
  void byDefaultARunTakesFiveHundredLooksOrTwoThousandEvents() {
    assertThat(CampaignRun.of(CAMPAIGN, Duration.ofMinutes(5)))
        .isEqualTo(new CampaignRun(CAMPAIGN, Duration.ofMinutes(5), 500, 2_000));
  }

  @Test
  void aRunContinuesAsNewOnceItsHistoryIsLongWhateverItsRoundsAndSignals() {
    script(round -> progress("active", 5, 1));
    CampaignWorkflow campaign = campaign();
    WorkflowExecution first =
        WorkflowClient.start(
            campaign::run, new CampaignRun(CAMPAIGN, Duration.ofHours(1), 100, 40));

    // Each signal that finds the workflow idle costs a look of its own: about ten events.
    for (int signal = 0; signal < 12; signal++) {
      int looked = reviews.size();
      campaign.callFinished();
      org.awaitility.Awaitility.await().until(() -> reviews.size() > looked);
    }

    RunHistories.assertContinuedAsNewWithin(env.getWorkflowClient(), first, 60);
  }
}
