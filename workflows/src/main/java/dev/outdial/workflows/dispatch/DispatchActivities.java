package dev.outdial.workflows.dispatch;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface DispatchActivities {

  /**
   * One round: gives due items call slots under the limits (one Postgres transaction), and starts
   * each allocated item's call workflow ({@code call-<queueItemId>}; starting it again finds the
   * running one). Safe to retry.
   */
  DispatchResult dispatch();
}
