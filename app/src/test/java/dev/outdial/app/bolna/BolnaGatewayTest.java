package dev.outdial.app.bolna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.outdial.activities.bolna.BolnaException;
import dev.outdial.activities.bolna.BolnaProperties;
import dev.outdial.app.simulator.BolnaSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mock.env.MockEnvironment;

class BolnaGatewayTest {

  /** A stand-in Bolna on a free port: records each request's path and Authorization header. */
  private HttpServer server;

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final MockEnvironment environment = new MockEnvironment();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(
              exchange.getRequestURI().getPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] body = "{\"concurrency\": {\"max\": 3}}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private int port() {
    return server.getAddress().getPort();
  }

  private static BolnaProperties properties(String baseUrl, String apiKey) {
    return new BolnaProperties(
        baseUrl, apiKey, Duration.ofSeconds(5), Duration.ofSeconds(5), 1, Duration.ofMillis(1));
  }

  @SuppressWarnings("unchecked")
  private BolnaGateway gateway(BolnaProperties properties, boolean simulatorServed) {
    ObjectProvider<BolnaSimulator> simulator = mock(ObjectProvider.class);
    when(simulator.getIfAvailable())
        .thenReturn(simulatorServed ? mock(BolnaSimulator.class) : null);
    return new BolnaGateway(properties, new ObjectMapper(), environment, simulator);
  }

  @Test
  void withAnApiKeyTheRealBolnaIsUsedWithThatKey() {
    BolnaGateway gateway =
        gateway(properties("http://127.0.0.1:" + port() + "/real/", "key-1"), true);

    assertThat(gateway.simulated()).isFalse();
    assertThat(gateway.client().getUser().path("concurrency").path("max").asInt()).isEqualTo(3);
    assertThat(requests).containsExactly("/real/user/me Bearer key-1");
  }

  @Test
  void withoutAnApiKeyTheBuiltInSimulatorOnTheListeningPortIsUsedWithItsOwnKey() {
    environment.setProperty("local.server.port", Integer.toString(port()));
    environment.setProperty("server.port", "0");
    BolnaGateway gateway = gateway(properties("https://api.bolna.ai", ""), true);

    assertThat(gateway.simulated()).isTrue();
    gateway.client().getUser();

    assertThat(requests)
        .singleElement()
        .asString()
        .matches("/simulator/bolna/user/me Bearer sim-\\S+");
  }

  @Test
  void withoutAListeningPortTheSimulatorIsSoughtOnTheConfiguredServerPort() {
    environment.setProperty("server.port", Integer.toString(port()));
    BolnaGateway gateway = gateway(properties("https://api.bolna.ai", ""), true);

    gateway.client().getUser();

    assertThat(requests).singleElement().asString().startsWith("/simulator/bolna/user/me ");
  }

  @Test
  void eachAppTalksToTheSimulatorWithAKeyOfItsOwn() {
    environment.setProperty("local.server.port", Integer.toString(port()));
    BolnaProperties noKey = properties("https://api.bolna.ai", "");

    gateway(noKey, true).client().getUser();
    gateway(noKey, true).client().getUser();

    assertThat(requests).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void aBlankApiKeyCountsAsNone() {
    assertThat(gateway(properties("https://api.bolna.ai", "  "), true).simulated()).isTrue();
  }

  @Test
  void theClientIsMadeOnceAndReused() {
    BolnaGateway gateway = gateway(properties("https://api.bolna.ai", "key-1"), false);

    assertThat(gateway.client()).isSameAs(gateway.client());
  }

  @Test
  void withoutAnApiKeyOrASimulatorEveryUseFailsAsAnAuthenticationProblem() {
    BolnaGateway gateway = gateway(properties("https://api.bolna.ai", ""), false);

    BolnaException refused = catchThrowableOfType(BolnaException.class, gateway::client);

    assertThat(refused.kind()).isEqualTo(BolnaException.Kind.AUTH);
    assertThat(refused.status()).isZero();
    assertThat(refused.getMessage())
        .isEqualTo(
            "no OUTDIAL_BOLNA_API_KEY is set, and the built-in simulator is served only on the"
                + " embedded Postgres or with OUTDIAL_SIMULATOR_ENABLED=true");
    assertThat(requests).isEmpty();
  }

  @Test
  void theRealBolnaIsDescribedByItsAddress() {
    assertThat(gateway(properties("https://api.bolna.ai", "key-1"), true).describe())
        .isEqualTo("real, https://api.bolna.ai");
  }

  @Test
  void theSimulatorIsDescribedWithHowToUseTheRealBolna() {
    assertThat(gateway(properties("https://api.bolna.ai", ""), true).describe())
        .isEqualTo(
            "SIMULATOR built in at /simulator/bolna, set OUTDIAL_BOLNA_API_KEY for the real one");
  }

  @Test
  void withNeitherItIsDescribedAsNotConfiguredAndWhy() {
    assertThat(gateway(properties("https://api.bolna.ai", ""), false).describe())
        .isEqualTo(
            "NOT CONFIGURED: no OUTDIAL_BOLNA_API_KEY is set, and the built-in simulator is served"
                + " only on the embedded Postgres or with OUTDIAL_SIMULATOR_ENABLED=true");
  }
}
