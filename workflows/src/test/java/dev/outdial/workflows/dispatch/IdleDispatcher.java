package dev.outdial.workflows.dispatch;

import io.temporal.workflow.Workflow;
import java.util.concurrent.atomic.AtomicInteger;

/** A dispatcher for tests of the workflows that wake it: it dispatches nothing, and counts. */
public class IdleDispatcher implements DispatcherWorkflow {

  public static final AtomicInteger WAKES = new AtomicInteger();

  @Override
  public void run(DispatcherState state) {
    Workflow.await(() -> false);
  }

  @Override
  public void wake() {
    WAKES.incrementAndGet();
  }
}
