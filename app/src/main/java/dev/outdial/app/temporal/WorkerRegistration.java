package dev.outdial.app.temporal;

import io.temporal.worker.Worker;
import java.util.List;

/**
 * Registers workflow types and activity implementations on the worker of a task queue. Each feature
 * contributes one bean, so the worker wiring knows nothing of the features.
 */
public interface WorkerRegistration {

  /** The task queue this registration belongs to. */
  String taskQueue();

  void register(Worker worker);

  /** Workflow types and activity implementations for the worker of one task queue. */
  static WorkerRegistration of(
      String taskQueue, List<Class<?>> workflowTypes, Object... activityImplementations) {
    return new WorkerRegistration() {
      @Override
      public String taskQueue() {
        return taskQueue;
      }

      @Override
      public void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(workflowTypes.toArray(Class<?>[]::new));
        worker.registerActivitiesImplementations(activityImplementations);
      }
    };
  }
}
