package dev.outdial.app.bolna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class PublicUrlTest {

  private final MockEnvironment environment = new MockEnvironment();
  private final WebhookSecret secret = mock(WebhookSecret.class);
  private final PublicUrl url = new PublicUrl(environment, secret);

  @Test
  void aConfiguredUrlIsUsedWithoutItsTrailingSlashes() {
    environment.setProperty("outdial.public-url", "https://dial.example.com///");
    environment.setProperty("local.server.port", "41234");

    assertThat(url.base()).isEqualTo("https://dial.example.com");
  }

  @Test
  void aConfiguredUrlKeepsItsPathAndInnerSlashes() {
    environment.setProperty("outdial.public-url", "https://example.com/tenants//outdial/");

    assertThat(url.base()).isEqualTo("https://example.com/tenants//outdial");
  }

  @Test
  void aConfiguredUrlWithoutTrailingSlashIsUsedAsItIs() {
    environment.setProperty("outdial.public-url", "https://dial.example.com");

    assertThat(url.base()).isEqualTo("https://dial.example.com");
  }

  @Test
  void aBlankConfiguredUrlFallsBackToLocalhostOnThePortTheServerListensOn() {
    environment.setProperty("outdial.public-url", "   ");
    environment.setProperty("local.server.port", "41234");
    environment.setProperty("server.port", "0");

    assertThat(url.base()).isEqualTo("http://localhost:41234");
  }

  @Test
  void withoutAListeningPortTheConfiguredServerPortIsUsed() {
    environment.setProperty("server.port", "9090");

    assertThat(url.base()).isEqualTo("http://localhost:9090");
  }

  @Test
  void withNoPortConfiguredTheDefaultIsPort8080() {
    assertThat(url.base()).isEqualTo("http://localhost:8080");
  }

  @Test
  void theWebhookUrlIsTheBaseWithTheWebhookPathAndTheSecretAsToken() {
    environment.setProperty("outdial.public-url", "https://dial.example.com/");
    when(secret.value()).thenReturn("s3cr3t");

    assertThat(url.bolnaWebhook())
        .isEqualTo("https://dial.example.com/webhooks/bolna?token=s3cr3t");
  }

  @Test
  void theDefaultWebhookUrlPointsAtLocalhost() {
    environment.setProperty("local.server.port", "41234");
    when(secret.value()).thenReturn("abc");

    assertThat(url.bolnaWebhook()).isEqualTo("http://localhost:41234/webhooks/bolna?token=abc");
  }
}
