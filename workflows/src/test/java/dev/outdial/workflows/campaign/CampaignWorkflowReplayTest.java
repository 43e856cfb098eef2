package dev.outdial.workflows.campaign;

import static org.assertj.core.api.Assertions.assertThatNoException;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded histories through today's code: a change that would make running campaigns take
 * another path (and so break them on deploy) fails here. Such a change needs Workflow.getVersion.
 */
class CampaignWorkflowReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"campaign-started-called-completed"})
  void recordedHistoriesReplayWithoutNonDeterminism(String history) {
    assertThatNoException()
        .isThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    "histories/" + history + ".json", CampaignWorkflowImpl.class));
  }
}
