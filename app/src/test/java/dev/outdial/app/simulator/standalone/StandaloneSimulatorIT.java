package dev.outdial.app.simulator.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.ApiClient;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** OUTDIAL_MODE=simulator: only Bolna's API, no database, no Temporal, no security. */
@SpringBootTest(
    classes = SimulatorApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StandaloneSimulatorIT {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void theSimulatorRunsAloneWithoutADatabase() {
    ApiClient api = new ApiClient(port);

    var me =
        api.send(
            "GET", "/simulator/bolna/user/me", null, null, Map.of("Authorization", "Bearer k"));
    var stats = api.get("/simulator/bolna/stats", null);

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("concurrency").path("max").asInt()).isPositive();
    assertThat(stats.json().path("calls_placed").asInt()).isZero();
    assertThat(context.getBeansOfType(DataSource.class)).isEmpty();
  }

  @Test
  void anOutageRefusesCallsWithoutPlacingThemUntilItEnds() {
    ApiClient api = new ApiClient(port);
    Map<String, String> key = Map.of("Authorization", "Bearer outage-key");
    String agent =
        api.send(
                "POST",
                "/simulator/bolna/v2/agent",
                null,
                Map.of("agent_config", Map.of("agent_name", "A")),
                key)
            .json()
            .path("agent_id")
            .asText();
    Map<String, Object> call = Map.of("agent_id", agent, "recipient_phone_number", "+14155550161");
    int placedBefore = api.get("/simulator/bolna/stats", null).json().path("calls_placed").asInt();

    assertThat(
            api.put("/simulator/bolna/outage", null, Map.of("status", 404, "seconds", 5)).status())
        .isEqualTo(400);
    assertThat(
            api.put("/simulator/bolna/outage", null, Map.of("status", 503, "seconds", 0)).status())
        .isEqualTo(400);
    assertThat(
            api.put("/simulator/bolna/outage", null, Map.of("status", 503, "seconds", 60)).status())
        .isEqualTo(200);
    assertThat(api.send("POST", "/simulator/bolna/call", null, call, key).status()).isEqualTo(503);
    var stats = api.get("/simulator/bolna/stats", null).json();
    assertThat(stats.path("calls_placed").asInt()).isEqualTo(placedBefore);
    assertThat(stats.path("outage_refusals").path("503").asInt()).isEqualTo(1);

    assertThat(api.delete("/simulator/bolna/outage", null).status()).isEqualTo(204);
    assertThat(api.send("POST", "/simulator/bolna/call", null, call, key).status()).isEqualTo(200);
  }
}
