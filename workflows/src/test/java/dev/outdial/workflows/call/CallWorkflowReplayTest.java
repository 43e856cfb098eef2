package dev.outdial.workflows.call;

import static org.assertj.core.api.Assertions.assertThatNoException;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded histories through today's code: a change that would make running calls take
 * another path (and so break them on deploy) fails here. Such a change needs Workflow.getVersion.
 */
class CallWorkflowReplayTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "call-answered",
        "call-busy-then-answered",
        "call-campaign-item-answered",
        "call-one-off-answered",
        "call-queued-one-off-paced-polled"
      })
  void recordedHistoriesReplayWithoutNonDeterminism(String history) {
    assertThatNoException()
        .isThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    "histories/" + history + ".json", CallWorkflowImpl.class));
  }
}
