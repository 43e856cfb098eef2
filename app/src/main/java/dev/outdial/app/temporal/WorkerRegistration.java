package dev.outdial.app.temporal;

import io.temporal.worker.Worker;

/**
 * Registers workflow types and activity implementations on the worker of a task queue. Each feature
 * contributes one bean, so the worker wiring knows nothing of the features.
 */
public interface WorkerRegistration {

  /** The task queue this registration belongs to. */
  String taskQueue();

  void register(Worker worker);
}
