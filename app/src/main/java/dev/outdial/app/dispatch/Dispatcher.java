package dev.outdial.app.dispatch;

import dev.outdial.activities.dispatch.WorkflowStarts;
import dev.outdial.app.temporal.WorkerProperties;
import dev.outdial.workflows.common.WorkflowIds;
import dev.outdial.workflows.dispatch.DispatcherState;
import dev.outdial.workflows.dispatch.DispatcherWorkflow;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the one dispatcher workflow running (also after Temporal lost its state, as the embedded
 * server does on restart) and wakes it when there is work: a campaign started or resumed, a call
 * finished.
 */
@Component
public class Dispatcher {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final WorkflowClient temporal;
  private final WorkerProperties workers;
  private final Duration pollInterval;

  public Dispatcher(
      WorkflowClient temporal,
      WorkerProperties workers,
      @Value("${outdial.dispatch.poll-interval:10s}") Duration pollInterval) {
    this.temporal = temporal;
    this.workers = workers;
    this.pollInterval = pollInterval;
  }

  @Scheduled(
      initialDelayString = "2s",
      fixedDelayString = "${outdial.dispatch.ensure-interval:30s}")
  public void ensureRunning() {
    if (!workers.enabled()) {
      return;
    }
    try {
      if (WorkflowStarts.start(
          temporal,
          DispatcherWorkflow.class,
          WorkflowIds.DISPATCHER,
          dispatcher -> WorkflowClient.start(dispatcher::run, DispatcherState.of(pollInterval)))) {
        log.info("Dispatcher workflow started");
      }
    } catch (RuntimeException e) {
      log.warn("Dispatcher workflow not started yet: {}", e.getMessage());
    }
  }

  /** Asks the dispatcher for a round soon; wake-ups coalesce, and a failure only delays work. */
  public void wake() {
    try {
      temporal.newWorkflowStub(DispatcherWorkflow.class, WorkflowIds.DISPATCHER).wake();
    } catch (RuntimeException e) {
      log.debug("Dispatcher not woken: {}", e.getMessage());
    }
  }
}
