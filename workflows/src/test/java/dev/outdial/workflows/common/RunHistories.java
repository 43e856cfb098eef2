package dev.outdial.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;

/** What a long-lived workflow's runs leave behind. */
public final class RunHistories {

  private RunHistories() {}

  /** Asserts that {@code run} continued as new with fewer than {@code events} events. */
  public static void assertContinuedAsNewWithin(
      WorkflowClient client, WorkflowExecution run, int events) {
    assertThat(client.fetchHistory(run.getWorkflowId(), run.getRunId()).getEvents())
        .hasSizeLessThan(events)
        .last()
        .extracting(HistoryEvent::getEventType)
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
  }
}
