package dev.outdial.workflows.dispatch;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The one dispatcher of the namespace ({@code dispatcher}): runs dispatch rounds when woken (a call
 * finished, work was queued, limits changed) or when the next item falls due, and at least every
 * poll interval. Wake-ups that come during a round are coalesced into one more round.
 */
@WorkflowInterface
public interface DispatcherWorkflow {

  @WorkflowMethod
  void run(DispatcherState state);

  @SignalMethod
  void wake();
}
