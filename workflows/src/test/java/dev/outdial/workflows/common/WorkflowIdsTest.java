package dev.outdial.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkflowIdsTest {

  private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-0000000000ab");

  @Test
  void aCampaignItemsCallIsNamedAfterItsQueueItem() {
    assertThat(WorkflowIds.campaignCall(ID)).isEqualTo("call-00000000-0000-0000-0000-0000000000ab");
  }

  @Test
  void aOneOffCallIsNamedAfterItsRequest() {
    assertThat(WorkflowIds.adhocCall(ID))
        .isEqualTo("call-adhoc-00000000-0000-0000-0000-0000000000ab");
  }

  @Test
  void anInboundCallIsNamedAfterBolnasExecution() {
    assertThat(WorkflowIds.inboundCall("exec-42")).isEqualTo("call-exec-exec-42");
  }

  @Test
  void aCampaignIsNamedAfterItsId() {
    assertThat(WorkflowIds.campaign(ID)).isEqualTo("campaign-00000000-0000-0000-0000-0000000000ab");
  }

  @Test
  void theSameBusinessKeyAlwaysGivesTheSameIdAndDifferentKindsNeverCollide() {
    assertThat(WorkflowIds.campaignCall(ID)).isEqualTo(WorkflowIds.campaignCall(ID));
    assertThat(WorkflowIds.campaignCall(ID))
        .isNotEqualTo(WorkflowIds.adhocCall(ID))
        .isNotEqualTo(WorkflowIds.campaign(ID));
    assertThat(WorkflowIds.DISPATCHER).isEqualTo("dispatcher");
  }
}
