package dev.outdial.app.bolna;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The Bolna webhook endpoint.
 *
 * @param secret the shared secret Bolna sends back ({@code OUTDIAL_BOLNA_WEBHOOK_SECRET}); empty:
 *     one is generated once and kept in the database, so agents' webhook URLs stay valid across
 *     restarts
 * @param allowedIps when not empty, only these source addresses may deliver (Bolna documents
 *     13.203.39.153, 13.126.9.249 and 13.202.133.53)
 * @param maxBodySize deliveries larger than this are refused with 413
 */
@ConfigurationProperties("outdial.bolna.webhook")
public record BolnaWebhookProperties(
    @DefaultValue("") String secret,
    List<String> allowedIps,
    @DefaultValue("1MB") DataSize maxBodySize) {

  public BolnaWebhookProperties {
    allowedIps =
        allowedIps == null
            ? List.of()
            : allowedIps.stream().map(String::strip).filter(ip -> !ip.isEmpty()).toList();
  }
}
