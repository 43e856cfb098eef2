package dev.outdial.workflows.dispatch;

import java.time.Duration;

/**
 * Carried across continue-as-new.
 *
 * @param pollInterval the longest pause between rounds
 * @param roundsPerRun rounds before the history is cut by continuing as new
 */
public record DispatcherState(Duration pollInterval, int roundsPerRun) {

  public static DispatcherState defaults() {
    return new DispatcherState(Duration.ofSeconds(10), 500);
  }
}
