package dev.outdial.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.app.temporal.WorkerProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class WorkerOnlyFilterTest {

  private static MockHttpServletResponse request(String method, String path) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    MockHttpServletResponse response = new MockHttpServletResponse();
    new WorkerOnlyFilter().doFilter(request, response, new MockFilterChain());
    return response;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/", "/api/calls", "/api/auth/login", "/webhooks/bolna", "/campaigns", "/x\"y"})
  void aWorkerOnlyNodeAnswersEverythingButTheActuatorWithA404ThatSaysWhy(String path)
      throws Exception {
    MockHttpServletResponse response = request("POST", path);

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    JsonNode problem = new ObjectMapper().readTree(response.getContentAsString());
    assertThat(problem.path("status").asInt()).isEqualTo(404);
    assertThat(problem.path("detail").asText()).contains("OUTDIAL_API_ENABLED=false");
    assertThat(problem.path("instance").asText()).isEqualTo(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/actuator", "/actuator/health", "/actuator/prometheus"})
  void theActuatorStaysForTheOrchestrator(String path) throws Exception {
    MockHttpServletResponse response = request("GET", path);

    assertThat(response.getStatus()).isEqualTo(200);
  }

  @Test
  void theFilterIsOnOnlyOnAWorkerOnlyNode() {
    var configuration = new NodeRoleConfiguration();

    assertThat(
            configuration
                .workerOnlyFilter(new ApiProperties(false), new WorkerProperties(true))
                .isEnabled())
        .isTrue();
    assertThat(
            configuration
                .workerOnlyFilter(new ApiProperties(true), new WorkerProperties(false))
                .isEnabled())
        .isFalse();
    assertThat(
            configuration
                .workerOnlyFilter(new ApiProperties(true), new WorkerProperties(true))
                .isEnabled())
        .isFalse();
  }

  @Test
  void aNodeWithNeitherRoleRefusesToStart() {
    assertThatThrownBy(
            () ->
                new NodeRoleConfiguration()
                    .workerOnlyFilter(new ApiProperties(false), new WorkerProperties(false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nothing to do");
  }
}
