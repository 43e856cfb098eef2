package dev.outdial.app.bolna;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.bolna.BolnaClient;
import dev.outdial.activities.bolna.BolnaProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The way to Bolna: the real API when {@code OUTDIAL_BOLNA_API_KEY} is set, else the built-in
 * simulator this app serves under {@code /simulator/bolna}. The simulator's address is known only
 * once the web server listens, so the client is made on first use.
 */
@Component
public class BolnaGateway {

  static final String SIMULATOR_PATH = "/simulator/bolna";

  private final BolnaProperties properties;
  private final ObjectMapper json;
  private final Environment environment;
  private volatile BolnaClient client;

  public BolnaGateway(BolnaProperties properties, ObjectMapper json, Environment environment) {
    this.properties = properties;
    this.json = json;
    this.environment = environment;
  }

  public BolnaClient client() {
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
    return simulated()
        ? "SIMULATOR built in at " + SIMULATOR_PATH + ", set OUTDIAL_BOLNA_API_KEY for the real one"
        : "real, " + properties.baseUrl();
  }

  private BolnaProperties effectiveProperties() {
    if (!simulated()) {
      return properties;
    }
    String port =
        environment.getProperty(
            "local.server.port", environment.getProperty("server.port", "8080"));
    return properties.withEndpoint("http://127.0.0.1:" + port + SIMULATOR_PATH, "simulator");
  }
}
