package dev.outdial.app.bolna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.outdial.app.system.SystemConfigRepository;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

class WebhookSecretTest {

  private final SystemConfigRepository config = mock(SystemConfigRepository.class);
  private final TransactionTemplate transaction = mock(TransactionTemplate.class);

  WebhookSecretTest() {
    when(transaction.execute(any()))
        .thenAnswer(
            call ->
                call.<TransactionCallback<?>>getArgument(0)
                    .doInTransaction(mock(TransactionStatus.class)));
  }

  private WebhookSecret secret(String configured) {
    return new WebhookSecret(
        new BolnaWebhookProperties(configured, List.of(), DataSize.ofMegabytes(1)),
        config,
        transaction);
  }

  @Test
  void aConfiguredSecretIsUsedAndTheDatabaseIsNotConsulted() {
    WebhookSecret secret = secret("from-the-environment");

    assertThat(secret.value()).isEqualTo("from-the-environment");
    verifyNoInteractions(config, transaction);
  }

  @Test
  void withoutAConfiguredSecretTheStoredOneIsUsedWithoutItsJsonQuotes() {
    when(config.find("bolna_webhook_secret")).thenReturn(Optional.of("\"kept-across-restarts\""));

    WebhookSecret secret = secret("");

    assertThat(secret.value()).isEqualTo("kept-across-restarts");
    verify(config, never()).put(anyString(), anyString(), any());
  }

  @Test
  void aBlankConfiguredSecretCountsAsNoneConfigured() {
    when(config.find("bolna_webhook_secret")).thenReturn(Optional.of("\"stored\""));

    assertThat(secret("   ").value()).isEqualTo("stored");
  }

  @Test
  void withNeitherConfiguredNorStoredANewSecretIsGeneratedAndStoredAsAJsonString() {
    when(config.find("bolna_webhook_secret")).thenReturn(Optional.empty());

    WebhookSecret secret = secret("");

    assertThat(secret.value()).matches("[0-9a-f]{48}");
    ArgumentCaptor<String> stored = ArgumentCaptor.forClass(String.class);
    verify(config).put(eq("bolna_webhook_secret"), stored.capture(), isNull());
    assertThat(stored.getValue()).isEqualTo("\"" + secret.value() + "\"");
  }

  @Test
  void eachGeneratedSecretIsDifferent() {
    when(config.find("bolna_webhook_secret")).thenReturn(Optional.empty());

    assertThat(secret("").value()).isNotEqualTo(secret("").value());
  }

  @Test
  void theStoredSecretIsLookedUpOnlyInsideTheTransaction() {
    TransactionTemplate notRunning = mock(TransactionTemplate.class);
    when(notRunning.execute(any())).thenReturn("from-the-transaction");

    WebhookSecret secret =
        new WebhookSecret(
            new BolnaWebhookProperties("", List.of(), DataSize.ofMegabytes(1)), config, notRunning);

    assertThat(secret.value()).isEqualTo("from-the-transaction");
    verifyNoInteractions(config);
  }

  @Test
  void onlyTheExactSecretMatches() {
    WebhookSecret secret = secret("right-secret");

    assertThat(secret.matches("right-secret")).isTrue();
    assertThat(secret.matches("right-secre")).isFalse();
    assertThat(secret.matches("right-secret2")).isFalse();
    assertThat(secret.matches("Right-secret")).isFalse();
    assertThat(secret.matches("")).isFalse();
    assertThat(secret.matches(null)).isFalse();
  }

  @Test
  void aGeneratedSecretMatchesItself() {
    when(config.find("bolna_webhook_secret")).thenReturn(Optional.empty());
    WebhookSecret secret = secret("");

    assertThat(secret.matches(secret.value())).isTrue();
    assertThat(secret.matches("other")).isFalse();
  }
}
