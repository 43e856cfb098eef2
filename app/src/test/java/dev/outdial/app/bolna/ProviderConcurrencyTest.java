package dev.outdial.app.bolna;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.bolna.BolnaClient;
import dev.outdial.activities.bolna.BolnaException;
import dev.outdial.activities.dispatch.CallSlots;
import dev.outdial.app.system.SystemConfigRepository;
import dev.outdial.app.temporal.WorkerProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderConcurrencyTest {

  private final BolnaGateway bolna = mock(BolnaGateway.class);
  private final BolnaClient client = mock(BolnaClient.class);
  private final SystemConfigRepository config = mock(SystemConfigRepository.class);

  ProviderConcurrencyTest() {
    when(bolna.client()).thenReturn(client);
  }

  private ProviderConcurrency concurrency(boolean workerEnabled) {
    return new ProviderConcurrency(bolna, config, new WorkerProperties(workerEnabled));
  }

  private static JsonNode user(String json) throws Exception {
    return new ObjectMapper().readTree(json);
  }

  @Test
  void theAccountsConcurrencyIsStoredAsTheProviderLimit() throws Exception {
    when(client.getUser()).thenReturn(user("{\"concurrency\": {\"max\": 7, \"current\": 2}}"));

    concurrency(true).refresh();

    verify(config).put("provider_concurrent_calls_limit", "7", null);
    verify(config).put(CallSlots.PROVIDER_LIMIT_KEY, "7", null);
  }

  @Test
  void aLimitOfOneIsStored() throws Exception {
    when(client.getUser()).thenReturn(user("{\"concurrency\": {\"max\": 1}}"));

    concurrency(true).refresh();

    verify(config).put(CallSlots.PROVIDER_LIMIT_KEY, "1", null);
  }

  @Test
  void onANodeWithoutWorkersBolnaIsNotAskedAndNothingIsStored() {
    concurrency(false).refresh();

    verifyNoInteractions(bolna, client, config);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"concurrency\": {}}",
        "{\"concurrency\": {\"max\": null}}",
        "{\"concurrency\": {\"max\": \"many\"}}",
        "{\"concurrency\": {\"max\": 0}}",
        "{\"concurrency\": {\"max\": -3}}",
        "{\"concurrency\": {\"max\": 3000000000}}",
        "{\"concurrency\": 5}"
      })
  void withoutAUsableLimitNothingIsStored(String answer) throws Exception {
    when(client.getUser()).thenReturn(user(answer));

    concurrency(true).refresh();

    verify(config, never()).put(anyString(), anyString(), any());
  }

  @Test
  void aFailureToReachBolnaLeavesTheLastStoredLimitAndIsNotThrown() throws Exception {
    ProviderConcurrency concurrency = concurrency(true);
    when(client.getUser())
        .thenReturn(user("{\"concurrency\": {\"max\": 5}}"))
        .thenThrow(
            new BolnaException(BolnaException.Kind.SERVER, 503, "Bolna answered 503", false, null));

    concurrency.refresh();
    concurrency.refresh();

    verify(config).put(CallSlots.PROVIDER_LIMIT_KEY, "5", null);
    verifyNoMoreInteractions(config);
  }

  @Test
  void aGatewayWithoutBolnaConfiguredIsToleratedAndStoresNothing() {
    when(bolna.client())
        .thenThrow(new BolnaException(BolnaException.Kind.AUTH, 0, "not configured", false, null));

    concurrency(true).refresh();

    verifyNoInteractions(config);
  }

  @Test
  void everyRefreshWritesTheLimitAgainAndAChangeReplacesIt() throws Exception {
    ProviderConcurrency concurrency = concurrency(true);
    when(client.getUser())
        .thenReturn(user("{\"concurrency\": {\"max\": 4}}"))
        .thenReturn(user("{\"concurrency\": {\"max\": 4}}"))
        .thenReturn(user("{\"concurrency\": {\"max\": 10}}"));

    concurrency.refresh();
    concurrency.refresh();
    concurrency.refresh();

    verify(config, times(2)).put(CallSlots.PROVIDER_LIMIT_KEY, "4", null);
    verify(config).put(CallSlots.PROVIDER_LIMIT_KEY, "10", null);
  }
}
