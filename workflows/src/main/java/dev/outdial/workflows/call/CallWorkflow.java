package dev.outdial.workflows.call;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One call: check credits, place it through Bolna (at most once per attempt), follow its statuses,
 * finalize, bill and score it, and dial again after the retry delay when nobody answered.
 */
@WorkflowInterface
public interface CallWorkflow {

  @WorkflowMethod
  CallOutcome run(CallRequest request);

  /** A status Bolna reported; repeats and statuses out of order are harmless. */
  @SignalMethod
  void providerStatus(ProviderStatus status);

  @QueryMethod
  CallProgress progress();
}
