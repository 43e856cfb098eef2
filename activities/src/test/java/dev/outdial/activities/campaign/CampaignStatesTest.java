package dev.outdial.activities.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CampaignStatesTest {

  @Test
  void endedCampaignsNeverMoveAgain() {
    for (String to : CampaignStates.TRANSITIONS.keySet()) {
      assertThat(CampaignStates.allowed("completed", to)).as("completed -> " + to).isFalse();
      assertThat(CampaignStates.allowed("cancelled", to)).as("cancelled -> " + to).isFalse();
    }
  }

  @Test
  void theOwnersAndTheWorkflowsMovesAreInTheTable() {
    assertThat(CampaignStates.allowed("draft", "scheduled")).isTrue();
    assertThat(CampaignStates.allowed("draft", "active")).isTrue();
    assertThat(CampaignStates.allowed("scheduled", "active")).isTrue();
    assertThat(CampaignStates.allowed("active", "paused")).isTrue();
    assertThat(CampaignStates.allowed("paused", "active")).isTrue();
    assertThat(CampaignStates.allowed("paused", "completed")).isTrue();
    assertThat(CampaignStates.allowed("active", "completed")).isTrue();
    assertThat(CampaignStates.allowed("draft", "paused")).isFalse();
    assertThat(CampaignStates.allowed("draft", "completed")).isFalse();
    assertThat(CampaignStates.allowed("scheduled", "completed")).isFalse();
  }

  @Test
  void aMoveOutsideTheTableIsRefusedBeforeAnythingIsWritten() {
    CampaignStates states = new CampaignStates(null);

    assertThatThrownBy(
            () -> states.move(UUID.randomUUID(), "cancelled", "active", null, "a stale signal"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot become active");
  }
}
