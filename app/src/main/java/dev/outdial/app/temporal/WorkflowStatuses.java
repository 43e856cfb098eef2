package dev.outdial.app.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;

/** What Temporal knows of a workflow id: its latest run's status, or nothing at all. */
public final class WorkflowStatuses {

  private WorkflowStatuses() {}

  /** Empty when Temporal has no run under this id (it never had one, or lost its state). */
  public static Optional<WorkflowExecutionStatus> of(WorkflowClient temporal, String workflowId) {
    try {
      return Optional.of(
          temporal
              .newUntypedWorkflowStub(workflowId)
              .describe()
              .getWorkflowExecutionInfo()
              .getStatus());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw e;
      }
      return Optional.empty();
    }
  }
}
