package dev.outdial.activities.bolna;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BolnaPropertiesTest {

  private static BolnaProperties withKey(String apiKey) {
    return new BolnaProperties(
        "https://api.bolna.ai",
        apiKey,
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        4,
        Duration.ofMillis(500));
  }

  @Test
  void onlyANonBlankKeyCountsAsConfigured() {
    assertThat(withKey("bn-123").apiKeyConfigured()).isTrue();
    assertThat(withKey("").apiKeyConfigured()).isFalse();
    assertThat(withKey("   ").apiKeyConfigured()).isFalse();
    assertThat(withKey(null).apiKeyConfigured()).isFalse();
  }

  @Test
  void anotherEndpointKeepsTheTimeoutsAndRetries() {
    BolnaProperties simulator = withKey("").withEndpoint("http://127.0.0.1:1/sim", "sim-key");

    assertThat(simulator)
        .isEqualTo(
            new BolnaProperties(
                "http://127.0.0.1:1/sim",
                "sim-key",
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                4,
                Duration.ofMillis(500)));
    assertThat(simulator.apiKeyConfigured()).isTrue();
  }
}
