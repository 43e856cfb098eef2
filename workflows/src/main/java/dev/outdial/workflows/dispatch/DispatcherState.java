package dev.outdial.workflows.dispatch;

import java.time.Duration;

/**
 * Carried across continue-as-new.
 *
 * @param pollInterval the longest pause between rounds
 * @param roundsPerRun rounds before the history is cut by continuing as new
 * @param eventsPerRun history events after which a run continues as new, whatever its rounds (0:
 *     {@link DispatcherWorkflowImpl#EVENTS_PER_RUN}); wake-up signals add events between rounds
 */
public record DispatcherState(Duration pollInterval, int roundsPerRun, int eventsPerRun) {

  public DispatcherState(Duration pollInterval, int roundsPerRun) {
    this(pollInterval, roundsPerRun, 0);
  }

  public static DispatcherState defaults() {
    return new DispatcherState(Duration.ofSeconds(10), 500);
  }
}
