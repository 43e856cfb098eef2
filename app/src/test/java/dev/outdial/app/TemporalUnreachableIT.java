package dev.outdial.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TemporalUnreachableIT extends EmbeddedDefaultsTestSupport {

  @DynamicPropertySource
  static void temporalNobodyAnswers(DynamicPropertyRegistry registry) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    registry.add("outdial.temporal.target", () -> "127.0.0.1:" + closedPort);
  }

  @Autowired TestRestTemplate http;

  @Test
  void healthIsDownWhenTemporalDoesNotAnswer() {
    var response = http.getForEntity("/actuator/health", JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    JsonNode components = response.getBody().path("components");
    assertThat(components.path("temporal").path("status").asText()).isEqualTo("DOWN");
    assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
  }
}
