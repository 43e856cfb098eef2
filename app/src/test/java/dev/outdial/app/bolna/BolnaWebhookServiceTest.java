package dev.outdial.app.bolna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.testing.RecordedMeters;
import dev.outdial.app.web.ApiException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

class BolnaWebhookServiceTest {

  private final WebhookSecret secret = mock(WebhookSecret.class);
  private final WebhookInboxRepository inbox = mock(WebhookInboxRepository.class);
  private final WebhookInboxWriter writer = mock(WebhookInboxWriter.class);
  private final WebhookSweeper sweeper = mock(WebhookSweeper.class);

  private BolnaWebhookService service(List<String> allowedIps) {
    when(secret.matches("right")).thenReturn(true);
    return new BolnaWebhookService(
        secret,
        new BolnaWebhookProperties("", allowedIps, DataSize.ofMegabytes(1)),
        inbox,
        writer,
        new ObjectMapper(),
        sweeper);
  }

  private static ByteArrayInputStream body(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anAddressOutsideTheAllowListIsRefusedEvenWithTheSecret() {
    var service = service(List.of("13.203.39.153", " 13.126.9.249 ", ""));

    var refused =
        catchThrowableOfType(
            ApiException.class,
            () -> service.receive("right", "10.0.0.7", body("{\"id\": \"e\"}")));

    assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN);
    verify(writer, never()).store(any(), any(), any(), any());
  }

  @Test
  void anAllowedAddressWithTheSecretIsStoredAndHandedOn() throws Exception {
    var service = service(List.of("13.203.39.153", " 13.126.9.249 "));
    UUID id = UUID.randomUUID();
    when(writer.store(any(), any(), any(), any())).thenReturn(id);

    UUID stored;
    try (RecordedMeters meters = new RecordedMeters()) {
      stored =
          service.receive(
              "right", "13.126.9.249", body("{\"id\": \"e-1\", \"state\": \"ringing\"}"));
      assertThat(meters.count("outdial.webhooks.received")).isEqualTo(1);
    }

    assertThat(stored).isEqualTo(id);
    verify(writer)
        .store(
            org.mockito.ArgumentMatchers.eq("e-1"),
            org.mockito.ArgumentMatchers.eq("ringing"),
            any(),
            any());
    verify(sweeper).processSoon(id);
  }

  @Test
  void withoutAnAllowListEveryAddressMayDeliver() throws Exception {
    var service = service(List.of());
    when(writer.store(any(), any(), any(), any())).thenReturn(UUID.randomUUID());

    service.receive("right", "192.0.2.1", body("{\"id\": \"e-2\", \"status\": \"completed\"}"));

    verify(writer)
        .store(
            org.mockito.ArgumentMatchers.eq("e-2"),
            org.mockito.ArgumentMatchers.eq("completed"),
            any(),
            any());
  }

  @Test
  void aBodyOfExactlyTheLimitIsStoredAndOneByteMoreIsRefused() throws Exception {
    when(secret.matches("right")).thenReturn(true);
    var service =
        new BolnaWebhookService(
            secret,
            new BolnaWebhookProperties("", List.of(), DataSize.ofBytes(40)),
            inbox,
            writer,
            new ObjectMapper(),
            sweeper);
    when(writer.store(any(), any(), any(), any())).thenReturn(UUID.randomUUID());
    String json = "{\"id\": \"e-3\", \"status\": \"ringing\"}";
    String atLimit = json + " ".repeat(40 - json.length());

    service.receive("right", "192.0.2.1", body(atLimit));
    var refused =
        catchThrowableOfType(
            ApiException.class, () -> service.receive("right", "192.0.2.1", body(atLimit + " ")));

    verify(writer).store(org.mockito.ArgumentMatchers.eq("e-3"), any(), any(), any());
    assertThat(refused.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
  }
}
