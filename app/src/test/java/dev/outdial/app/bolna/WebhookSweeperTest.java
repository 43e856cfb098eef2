package dev.outdial.app.bolna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class WebhookSweeperTest {

  private final WebhookProcessor processor = mock(WebhookProcessor.class);
  private final WebhookInboxRepository inbox = mock(WebhookInboxRepository.class);
  private final WebhookSweeper sweeper = new WebhookSweeper(processor, inbox, 4);

  @Test
  void aSweepProcessesUpTo500DueDeliveriesInTheOrderGiven() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    UUID third = UUID.randomUUID();
    when(inbox.due(500)).thenReturn(List.of(first, second, third));

    sweeper.sweep();

    InOrder order = inOrder(processor);
    order.verify(processor).process(first);
    order.verify(processor).process(second);
    order.verify(processor).process(third);
  }

  @Test
  void aDeliveryThatFailsDoesNotKeepTheRestOfTheSweepFromBeingProcessed() {
    UUID failing = UUID.randomUUID();
    UUID next = UUID.randomUUID();
    when(inbox.due(anyInt())).thenReturn(List.of(failing, next));
    doThrow(new IllegalStateException("temporal away")).when(processor).process(failing);

    assertThatCode(sweeper::sweep).doesNotThrowAnyException();

    verify(processor).process(next);
  }

  @Test
  void whenTheInboxCannotBeReadTheSweepIsSkippedQuietly() {
    when(inbox.due(anyInt())).thenThrow(new IllegalStateException("database away"));

    assertThatCode(sweeper::sweep).doesNotThrowAnyException();

    verifyNoInteractions(processor);
  }

  @Test
  void aStoredDeliveryIsProcessedSoonOffTheCallersThread() {
    UUID id = UUID.randomUUID();

    sweeper.processSoon(id);

    verify(processor, timeout(5_000)).process(id);
  }

  @Test
  void aFailureProcessingSoonLeavesTheWorkerAbleToProcessTheNextDelivery() {
    UUID failing = UUID.randomUUID();
    doThrow(new IllegalStateException("temporal away")).when(processor).process(failing);
    List<UUID> others = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    sweeper.processSoon(failing);
    others.forEach(sweeper::processSoon);
    UUID last = UUID.randomUUID();
    sweeper.processSoon(last);

    verify(processor, timeout(5_000)).process(failing);
    others.forEach(id -> verify(processor, timeout(5_000)).process(id));
    verify(processor, timeout(5_000)).process(last);
  }

  @Test
  void aFloodOfDeliveriesWaitsInTheInboxNotInTheHeap() throws InterruptedException {
    CountDownLatch busy = new CountDownLatch(4);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger processed = new AtomicInteger();
    doAnswer(
            invocation -> {
              busy.countDown();
              release.await();
              processed.incrementAndGet();
              return null;
            })
        .when(processor)
        .process(any());

    int flood = 4 + WebhookSweeper.WAITING_LIMIT + 500;
    for (int i = 0; i < flood; i++) {
      sweeper.processSoon(UUID.randomUUID());
    }
    assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
    release.countDown();

    // The 500 past the limit were left to the sweep, which finds them in the inbox.
    await().atMost(Duration.ofSeconds(30)).untilAtomic(processed, equalTo(flood - 500));
    verify(processor, times(flood - 500)).process(any());
  }
}
