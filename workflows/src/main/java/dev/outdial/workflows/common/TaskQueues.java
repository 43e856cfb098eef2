package dev.outdial.workflows.common;

/** Names of the task queues that Outdial's workers poll. */
public final class TaskQueues {

  /** Campaign, dispatcher and call workflows, and the activities they run. */
  public static final String OUTDIAL = "outdial";

  private TaskQueues() {}
}
