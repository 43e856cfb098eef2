package dev.outdial.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.app.temporal.EmbeddedTemporalServer;
import dev.outdial.app.temporal.TemporalConnection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationStartupIT extends EmbeddedDefaultsTestSupport {

  @Autowired TestRestTemplate http;
  @Autowired TemporalConnection temporal;
  @Autowired EmbeddedPostgres embeddedPostgres;
  @Autowired EmbeddedTemporalServer embeddedTemporal;
  @Autowired JdbcClient jdbc;

  @Test
  void healthIsUpWithEmbeddedPostgresAndEmbeddedTemporal() {
    var response = http.getForEntity("/actuator/health", JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode health = response.getBody();
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
    assertThat(health.path("components").path("temporal").path("status").asText()).isEqualTo("UP");
  }

  @Test
  void withoutConfigurationPostgresAndTemporalAreEmbedded() {
    assertThat(temporal.embedded()).isTrue();
    assertThat(temporal.target()).doesNotEndWith(":7233");
    assertThat(embeddedPostgres.getPort()).isPositive();
  }

  @Test
  void theEmbeddedServersListenOnTheLoopbackAddressOnly() {
    assertThat(embeddedTemporal.listenAddresses())
        .isNotEmpty()
        .allSatisfy(
            address ->
                assertThat(((InetSocketAddress) address).getAddress().isLoopbackAddress())
                    .as("Temporal listens on %s", address)
                    .isTrue());
    assertThat(jdbc.sql("SHOW listen_addresses").query(String.class).single())
        .isIn("localhost", "127.0.0.1");
  }
}
