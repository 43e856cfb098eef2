package dev.outdial.app.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.outdial.app.temporal.TemporalConnection;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallQueriesTest {

  private final CallQueries queries =
      new CallQueries(
          mock(CallRepository.class),
          new TemporalConnection("127.0.0.1:7233", "default", false, "http://ui.test"));

  private static Map<String, Object> call(String leadType, String executionId, Object metadata) {
    Map<String, Object> call = new HashMap<>();
    call.put("lead_type", leadType);
    call.put("bolna_execution_id", executionId);
    call.put("metadata", metadata);
    return call;
  }

  @Test
  void aPlacedCallIsFollowedByTheWorkflowNamedInItsMetadata() {
    assertThat(
            queries.workflowId(
                call("outbound", "exec-1", Map.of("workflow_id", "campaign-7-item-3"))))
        .isEqualTo("campaign-7-item-3");
  }

  @Test
  void anInboundCallIsFollowedByTheWorkflowNamedAfterItsExecution() {
    assertThat(queries.workflowId(call("inbound", "exec-9", Map.of())))
        .isEqualTo("call-exec-exec-9");
    assertThat(queries.workflowId(call("inbound", "exec-9", Map.of("workflow_id", " "))))
        .isEqualTo("call-exec-exec-9");
  }

  @Test
  void aCallWithNoKnownWorkflowHasNone() {
    assertThat(queries.workflowId(call("outbound", "exec-1", Map.of()))).isNull();
    assertThat(queries.workflowId(call("outbound", "exec-1", null))).isNull();
    assertThat(queries.workflowId(call("outbound", "exec-1", Map.of("workflow_id", 7)))).isNull();
    assertThat(queries.workflowId(call("inbound", null, Map.of()))).isNull();
  }
}
