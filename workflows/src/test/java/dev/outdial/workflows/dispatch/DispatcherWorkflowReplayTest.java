package dev.outdial.workflows.dispatch;

import static org.assertj.core.api.Assertions.assertThatNoException;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded dispatcher histories through today's code: the dispatcher runs forever, so a
 * change that takes its running instance down another path breaks every deploy. Such a change needs
 * Workflow.getVersion.
 */
class DispatcherWorkflowReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"dispatcher-started-calls-woken-continued"})
  void recordedHistoriesReplayWithoutNonDeterminism(String history) {
    assertThatNoException()
        .isThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    "histories/" + history + ".json", DispatcherWorkflowImpl.class));
  }
}
