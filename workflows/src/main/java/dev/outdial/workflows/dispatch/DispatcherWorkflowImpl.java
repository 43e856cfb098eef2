package dev.outdial.workflows.dispatch;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class DispatcherWorkflowImpl implements DispatcherWorkflow {

  private final DispatchActivities activities =
      Workflow.newActivityStub(
          DispatchActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(1))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setMaximumInterval(Duration.ofSeconds(30))
                      .build())
              .build());

  /**
   * History events after which a run continues as new: well below Temporal's warning at 10,240,
   * leaving room for the signals that come during the last round.
   */
  static final int EVENTS_PER_RUN = 8_000;

  /**
   * The bound a dispatcher started today carries in its {@link DispatcherState}: every finished
   * call wakes it, and each wake-up costs a pass over the run's history on the Java test server (it
   * copies the whole history into every workflow task), and a replay of it after the run left a
   * worker's cache on any server. A fourth of the old bound cuts both.
   */
  public static final int EVENTS_PER_NEW_RUN = 2_000;

  private boolean woken;

  @Override
  public void run(DispatcherState state) {
    // Runs recorded before the bound replay as they ran: by their rounds alone.
    boolean boundedByEvents =
        Workflow.getVersion("continue-as-new-by-events", Workflow.DEFAULT_VERSION, 1) == 1;
    int eventsPerRun = state.eventsPerRun() > 0 ? state.eventsPerRun() : EVENTS_PER_RUN;
    for (int round = 0;
        round < state.roundsPerRun()
            && !(boundedByEvents && Workflow.getInfo().getHistoryLength() >= eventsPerRun);
        round++) {
      woken = false;
      DispatchResult result = activities.dispatch();
      Duration pause = state.pollInterval();
      if (result.millisUntilNextDue() >= 0) {
        Duration untilDue = Duration.ofMillis(Math.max(1, result.millisUntilNextDue()));
        pause = untilDue.compareTo(pause) < 0 ? untilDue : pause;
      }
      if (result.started() > 0) {
        // Slots may be left: go again at once rather than waiting for the next wake-up.
        continue;
      }
      Workflow.await(pause, () -> woken);
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(state);
  }

  @Override
  public void wake() {
    woken = true;
  }
}
