package dev.outdial.app.bolna;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.dispatch.CallStarter;
import dev.outdial.app.bolna.WebhookInboxRepository.Settlement;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

class WebhookProcessorTest {

  private final WebhookInboxRepository inbox = mock(WebhookInboxRepository.class);
  private final JdbcClient jdbc = mock(JdbcClient.class);
  private final TransactionTemplate transaction = mock(TransactionTemplate.class);
  private final WorkflowClient temporal = mock(WorkflowClient.class);
  private final WebhookProcessor processor =
      new WebhookProcessor(
          inbox,
          jdbc,
          transaction,
          temporal,
          mock(CallStarter.class),
          new ObjectMapper(),
          Clock.systemUTC(),
          Runnable::run);

  WebhookProcessorTest() {
    doAnswer(
            call ->
                call.<TransactionCallback<?>>getArgument(0)
                    .doInTransaction(mock(TransactionStatus.class)))
        .when(transaction)
        .execute(any());
  }

  private UUID pending(String executionId, String status, int attempts) {
    UUID id = UUID.randomUUID();
    String payload = "{\"id\": " + (executionId == null ? "null" : "\"" + executionId + "\"") + "}";
    when(inbox.lockDue(List.of(id)))
        .thenReturn(
            List.of(
                new WebhookInboxRepository.PendingEvent(
                    id, executionId, status, payload, attempts, OffsetDateTime.now())));
    return id;
  }

  @ParameterizedTest(name = "after {0} attempts the pause is {1} s")
  @CsvSource({
    "0, 1",
    "1, 2",
    "2, 4",
    "3, 8",
    "5, 32",
    "8, 256",
    "9, 512",
    "10, 600",
    "11, 600",
    "40, 600",
    "2147483647, 600"
  })
  void aDeliveryThatFailsIsTriedAgainAfterAPauseThatDoublesUpToTenMinutes(
      int attempts, long pauseSeconds) {
    when(jdbc.sql(anyString())).thenThrow(new IllegalStateException("database away"));
    UUID id = pending("exec-1", "ringing", attempts);

    processor.process(id);

    verify(inbox)
        .settle(
            List.of(
                Settlement.retry(
                    id,
                    "error",
                    "java.lang.IllegalStateException: database away",
                    Duration.ofSeconds(pauseSeconds))));
    verify(inbox, times(1)).settle(any());
    verifyNoInteractions(temporal);
  }

  @Test
  void aDeliveryWithoutExecutionIdOrStatusIsSetAsideNotRetried() {
    UUID noExecution = pending(null, "ringing", 0);
    UUID noStatus = pending("exec-2", null, 3);

    processor.process(noExecution);
    processor.process(noStatus);

    verify(inbox)
        .settle(List.of(Settlement.processed(noExecution, "ignored: no execution id or status")));
    verify(inbox)
        .settle(List.of(Settlement.processed(noStatus, "ignored: no execution id or status")));
    verifyNoInteractions(jdbc, temporal);
  }

  @Test
  void aDeliveryAlreadyTakenOrDoneIsLeftAlone() {
    UUID id = UUID.randomUUID();
    when(inbox.lockDue(List.of(id))).thenReturn(List.of());

    processor.process(id);

    verify(inbox).lockDue(List.of(id));
    verify(inbox, never()).settle(argThat(settlements -> !settlements.isEmpty()));
    verifyNoInteractions(jdbc, temporal);
  }
}
