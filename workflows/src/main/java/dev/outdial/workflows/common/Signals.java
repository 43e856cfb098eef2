package dev.outdial.workflows.common;

import dev.outdial.workflows.dispatch.DispatcherWorkflow;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/** Signals from one workflow to another that are only news: if the other is gone, nothing fails. */
public final class Signals {

  private static final Logger log = Workflow.getLogger(Signals.class);

  private Signals() {}

  /** Sends the signal, or logs why it could not be delivered (no such workflow running). */
  public static void tryToSend(String to, Runnable signal) {
    try {
      signal.run();
    } catch (SignalExternalWorkflowException | TemporalFailure e) {
      log.debug("{} not signalled: {}", to, e.getMessage());
    }
  }

  /**
   * Wakes the dispatcher; with none running yet nothing is lost, it dispatches all due on start.
   */
  public static void wakeDispatcher() {
    tryToSend(
        WorkflowIds.DISPATCHER,
        () ->
            Workflow.newExternalWorkflowStub(DispatcherWorkflow.class, WorkflowIds.DISPATCHER)
                .wake());
  }
}
