package dev.outdial.activities.bolna;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Bolna is and how patiently to talk to it.
 *
 * @param baseUrl the API address ({@code OUTDIAL_BOLNA_BASE_URL})
 * @param apiKey the API key ({@code OUTDIAL_BOLNA_API_KEY}); empty: the built-in simulator is used
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 * @param maxAttempts attempts for requests that are safe to repeat (reads, updates, deletes)
 * @param initialBackoff the first wait between attempts; it doubles, with jitter
 */
@ConfigurationProperties("outdial.bolna")
public record BolnaProperties(
    @DefaultValue("https://api.bolna.ai") String baseUrl,
    @DefaultValue("") String apiKey,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("30s") Duration readTimeout,
    @DefaultValue("4") int maxAttempts,
    @DefaultValue("500ms") Duration initialBackoff) {

  public boolean apiKeyConfigured() {
    return apiKey != null && !apiKey.isBlank();
  }

  public BolnaProperties withEndpoint(String newBaseUrl, String newApiKey) {
    return new BolnaProperties(
        newBaseUrl, newApiKey, connectTimeout, readTimeout, maxAttempts, initialBackoff);
  }
}
