package dev.outdial.activities.dispatch;

import dev.outdial.workflows.common.TaskQueues;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.function.Consumer;

/**
 * How Outdial starts its workflows, every one of them: by a business-key id on Outdial's task
 * queue, with an id-reuse policy said out loud. Postgres is the source of truth, so a workflow that
 * closed is started again under its id when the database says its work is not done (a requeued
 * call, a campaign still active after Temporal lost it, the dispatcher): ALLOW_DUPLICATE; a running
 * one is never started twice.
 */
public final class WorkflowStarts {

  public static final WorkflowIdReusePolicy REUSE =
      WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE;

  private WorkflowStarts() {}

  /** A stub for starting the workflow {@code workflowId}. */
  public static <T> T stub(WorkflowClient client, Class<T> type, String workflowId) {
    return client.newWorkflowStub(
        type,
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.OUTDIAL)
            .setWorkflowIdReusePolicy(REUSE)
            .build());
  }

  /**
   * Starts the workflow with {@code start} (such as {@code w -> WorkflowClient.start(w::run,
   * input)}); false when it is running already.
   */
  public static <T> boolean start(
      WorkflowClient client, Class<T> type, String workflowId, Consumer<T> start) {
    try {
      start.accept(stub(client, type, workflowId));
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }
}
