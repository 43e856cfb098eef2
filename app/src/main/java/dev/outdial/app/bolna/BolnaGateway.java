package dev.outdial.app.bolna;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.bolna.BolnaClient;
import dev.outdial.activities.bolna.BolnaException;
import dev.outdial.activities.bolna.BolnaProperties;
import dev.outdial.app.simulator.BolnaSimulator;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The way to Bolna: the real API when {@code OUTDIAL_BOLNA_API_KEY} is set, else the built-in
 * simulator this app serves under {@code /simulator/bolna}. The simulator's address is known only
 * once the web server listens, so the client is made on first use. The app talks to the simulator
 * with a key made at start, so what it creates there is hidden from any other caller.
 */
@Component
public class BolnaGateway {

  static final String SIMULATOR_PATH = "/simulator/bolna";

  private final BolnaProperties properties;
  private final ObjectMapper json;
  private final Environment environment;
  private final boolean simulatorServed;
  private final String simulatorKey = "sim-" + UUID.randomUUID();
  private volatile BolnaClient client;

  public BolnaGateway(
      BolnaProperties properties,
      ObjectMapper json,
      Environment environment,
      ObjectProvider<BolnaSimulator> simulator) {
    this.properties = properties;
    this.json = json;
    this.environment = environment;
    this.simulatorServed = simulator.getIfAvailable() != null;
  }

  public BolnaClient client() {
    if (simulated() && !simulatorServed) {
      throw new BolnaException(BolnaException.Kind.AUTH, 0, NOT_CONFIGURED, false, null);
    }
    BolnaClient current = client;
    if (current == null) {
      synchronized (this) {
        if (client == null) {
          client = new BolnaClient(effectiveProperties(), json);
        }
        current = client;
      }
    }
    return current;
  }

  public boolean simulated() {
    return !properties.apiKeyConfigured();
  }

  /** Where Bolna is, for the start-up log. */
  public String describe() {
    if (!simulated()) {
      return "real, " + properties.baseUrl();
    }
    return simulatorServed
        ? "SIMULATOR built in at " + SIMULATOR_PATH + ", set OUTDIAL_BOLNA_API_KEY for the real one"
        : "NOT CONFIGURED: " + NOT_CONFIGURED;
  }

  private static final String NOT_CONFIGURED =
      "no OUTDIAL_BOLNA_API_KEY is set, and the built-in simulator is served only on the embedded"
          + " Postgres or with OUTDIAL_SIMULATOR_ENABLED=true";

  private BolnaProperties effectiveProperties() {
    if (!simulated()) {
      return properties;
    }
    String port =
        environment.getProperty(
            "local.server.port", environment.getProperty("server.port", "8080"));
    return properties.withEndpoint("http://127.0.0.1:" + port + SIMULATOR_PATH, simulatorKey);
  }
}
