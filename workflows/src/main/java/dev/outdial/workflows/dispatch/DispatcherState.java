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

  /**
   * A new dispatcher: {@code pollInterval} between rounds at most, 500 rounds and at most {@link
   * DispatcherWorkflowImpl#EVENTS_PER_NEW_RUN} events a run. (A dispatcher started before that
   * bound carries 0 and keeps the older, longer one.)
   */
  public static DispatcherState of(Duration pollInterval) {
    return new DispatcherState(pollInterval, 500, DispatcherWorkflowImpl.EVENTS_PER_NEW_RUN);
  }

  /** A new dispatcher that looks every ten seconds at least. */
  public static DispatcherState defaults() {
    return of(Duration.ofSeconds(10));
  }
}
