package dev.outdial.workflows.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.outdial.workflows.common.RunHistories;
import dev.outdial.workflows.common.TaskQueues;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DispatcherWorkflowTest {

  private TestWorkflowEnvironment env;
  private DispatchActivities activities;
  private final AtomicInteger rounds = new AtomicInteger();

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueues.OUTDIAL);
    worker.registerWorkflowImplementationTypes(DispatcherWorkflowImpl.class);
    activities = mock(DispatchActivities.class, withSettings().withoutAnnotations());
    worker.registerActivitiesImplementations(activities);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  /** Each round counts itself, starts nothing and knows of nothing due later. */
  private void everyRoundFindsNothingDue() {
    when(activities.dispatch())
        .thenAnswer(
            invocation -> {
              rounds.incrementAndGet();
              return new DispatchResult(0, -1);
            });
  }

  private DispatcherWorkflow dispatcher() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            DispatcherWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("dispatcher")
                .setTaskQueue(TaskQueues.OUTDIAL)
                .build());
  }

  @Test
  void withNothingToDoItRunsARoundEveryPollInterval() {
    everyRoundFindsNothingDue();
    WorkflowClient.start(dispatcher()::run, new DispatcherState(Duration.ofSeconds(10), 1000));

    env.sleep(Duration.ofSeconds(55));

    assertThat(rounds.get()).isBetween(5, 7);
  }

  @Test
  void itSleepsOnlyUntilTheNextItemIsDueAndGoesAgainAtOnceAfterStartingCalls() {
    when(activities.dispatch())
        .thenAnswer(
            invocation -> {
              int round = rounds.incrementAndGet();
              return round == 1 ? new DispatchResult(3, 0) : new DispatchResult(0, 1_000);
            });
    WorkflowClient.start(dispatcher()::run, new DispatcherState(Duration.ofMinutes(10), 1000));

    env.sleep(Duration.ofSeconds(5));

    // Round 1 started calls, round 2 ran at once, then one round per second until the item is due.
    assertThat(rounds.get()).isBetween(5, 8);
  }

  @Test
  void aWakeUpRunsARoundWithoutWaitingForThePollInterval() {
    everyRoundFindsNothingDue();
    DispatcherWorkflow dispatcher = dispatcher();
    WorkflowClient.start(dispatcher::run, new DispatcherState(Duration.ofHours(1), 1000));
    env.sleep(Duration.ofSeconds(1));
    int before = rounds.get();

    dispatcher.wake();
    env.sleep(Duration.ofSeconds(1));

    assertThat(rounds.get()).isEqualTo(before + 1);
  }

  @Test
  void itContinuesAsNewAfterItsRoundsSoItsHistoryStaysShort() {
    everyRoundFindsNothingDue();
    WorkflowExecution first =
        WorkflowClient.start(dispatcher()::run, new DispatcherState(Duration.ofSeconds(1), 3));

    env.sleep(Duration.ofSeconds(10));

    String currentRunId =
        env.getWorkflowClient()
            .newUntypedWorkflowStub("dispatcher")
            .describe()
            .getExecution()
            .getRunId();
    assertThat(currentRunId).isNotBlank().isNotEqualTo(first.getRunId());
    assertThat(rounds.get()).isGreaterThan(3);
  }

  private String currentRun() {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub("dispatcher")
        .describe()
        .getExecution()
        .getRunId();
  }

  @Test
  void itContinuesAsNewExactlyAfterItsRounds() {
    everyRoundFindsNothingDue();
    WorkflowExecution first =
        WorkflowClient.start(dispatcher()::run, new DispatcherState(Duration.ofHours(1), 3));

    env.sleep(Duration.ofMinutes(150));
    assertThat(rounds.get()).isEqualTo(3);
    assertThat(currentRun()).isEqualTo(first.getRunId());

    env.sleep(Duration.ofMinutes(60));
    assertThat(rounds.get()).isEqualTo(4);
    assertThat(currentRun()).isNotEqualTo(first.getRunId());
  }

  @Test
  void anItemDueNowIsDispatchedAtOnceRatherThanAfterThePollInterval() {
    when(activities.dispatch())
        .thenAnswer(
            invocation ->
                rounds.incrementAndGet() == 1
                    ? new DispatchResult(0, 0)
                    : new DispatchResult(0, -1));
    WorkflowClient.start(dispatcher()::run, new DispatcherState(Duration.ofHours(1), 1000));

    env.sleep(Duration.ofMinutes(1));

    assertThat(rounds.get()).isEqualTo(2);
  }

  @Test
  void eachWakeUpRunsOneRoundAndNothingElseDoes() {
    everyRoundFindsNothingDue();
    DispatcherWorkflow dispatcher = dispatcher();
    WorkflowClient.start(dispatcher::run, new DispatcherState(Duration.ofHours(1), 1000));

    for (int wake = 1; wake <= 3; wake++) {
      env.sleep(Duration.ofMinutes(10));
      assertThat(rounds.get()).isEqualTo(wake);
      dispatcher.wake();
    }
    env.sleep(Duration.ofMinutes(10));
    assertThat(rounds.get()).isEqualTo(4);
  }

  @Test
  void byDefaultItLooksEveryTenSecondsAndContinuesAsNewAfterFiveHundredRoundsOrTwoThousandEvents() {
    assertThat(DispatcherState.defaults())
        .isEqualTo(new DispatcherState(Duration.ofSeconds(10), 500, 2_000));
  }

  @Test
  void aRunContinuesAsNewOnceItsHistoryIsLongWhateverItsRounds() {
    everyRoundFindsNothingDue();
    DispatcherWorkflow dispatcher = dispatcher();
    WorkflowExecution first =
        WorkflowClient.start(dispatcher::run, new DispatcherState(Duration.ofHours(1), 1000, 40));

    // Every wake-up is a round of its own here: a signal, a workflow task and an activity.
    for (int wake = 0; wake < 12; wake++) {
      int before = rounds.get();
      dispatcher.wake();
      org.awaitility.Awaitility.await().until(() -> rounds.get() > before);
    }

    RunHistories.assertContinuedAsNewWithin(env.getWorkflowClient(), first, 60);
  }
}
