package dev.outdial.app.bolna;

import dev.outdial.app.system.SystemConfigRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The secret that authenticates Bolna's webhook deliveries. Bolna signs nothing, so the secret
 * travels in the webhook URL each agent is given; it must therefore survive restarts.
 */
@Component
public class WebhookSecret {

  private static final Logger log = LoggerFactory.getLogger(WebhookSecret.class);
  static final String CONFIG_KEY = "bolna_webhook_secret";

  private final byte[] secret;
  private final String value;

  WebhookSecret(
      BolnaWebhookProperties properties,
      SystemConfigRepository config,
      TransactionTemplate transaction) {
    this.value =
        properties.secret().isBlank()
            ? transaction.execute(status -> storedOrNew(config))
            : properties.secret();
    this.secret = value.getBytes(StandardCharsets.UTF_8);
  }

  /** The secret, for building agents' webhook URLs. */
  public String value() {
    return value;
  }

  /** Compares in constant time, so the answer's timing reveals nothing of the secret. */
  public boolean matches(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(secret, candidate.getBytes(StandardCharsets.UTF_8));
  }

  private static String storedOrNew(SystemConfigRepository config) {
    return config
        .find(CONFIG_KEY)
        .map(json -> json.substring(1, json.length() - 1))
        .orElseGet(
            () -> {
              byte[] random = new byte[24];
              new SecureRandom().nextBytes(random);
              String generated = HexFormat.of().formatHex(random);
              config.put(CONFIG_KEY, "\"" + generated + "\"", null);
              log.info(
                  "OUTDIAL_BOLNA_WEBHOOK_SECRET is not set: generated one and stored it in"
                      + " system_config, so webhook URLs stay valid across restarts");
              return generated;
            });
  }
}
