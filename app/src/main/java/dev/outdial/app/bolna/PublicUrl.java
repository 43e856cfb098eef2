package dev.outdial.app.bolna;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The address Bolna reaches this platform at ({@code OUTDIAL_PUBLIC_URL}); default {@code
 * http://localhost:<port>}, which only the built-in simulator can reach.
 */
@Component
public class PublicUrl {

  private final Environment environment;
  private final WebhookSecret secret;

  public PublicUrl(Environment environment, WebhookSecret secret) {
    this.environment = environment;
    this.secret = secret;
  }

  public String base() {
    String configured = environment.getProperty("outdial.public-url", "");
    if (!configured.isBlank()) {
      return configured.replaceAll("/+$", "");
    }
    String port =
        environment.getProperty(
            "local.server.port", environment.getProperty("server.port", "8080"));
    return "http://localhost:" + port;
  }

  /** The webhook URL every agent is given, secret included. */
  public String bolnaWebhook() {
    return base() + "/webhooks/bolna?token=" + secret.value();
  }
}
