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
}
