package dev.outdial.app.bolna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookSweeperTest {

  private final WebhookProcessor processor = mock(WebhookProcessor.class);
  private final WebhookInboxRepository inbox = mock(WebhookInboxRepository.class);
  private final WebhookSweeper sweeper = new WebhookSweeper(processor, inbox);

  /** Every event handed to the processor, and the threads that did it. */
  private final List<UUID> processed = Collections.synchronizedList(new ArrayList<>());

  private final Set<String> threads = ConcurrentHashMap.newKeySet();

  @AfterEach
  void stop() throws InterruptedException {
    sweeper.destroy();
  }

  private void recordingBatches() {
    doAnswer(
            batch -> {
              threads.add(Thread.currentThread().getName());
              processed.addAll(batch.getArgument(0));
              return null;
            })
        .when(processor)
        .process(anyList());
  }

  @Test
  void aSweepProcessesUpTo500DueDeliveriesInOneBatchInTheOrderGiven() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    UUID third = UUID.randomUUID();
    when(inbox.due(500)).thenReturn(List.of(first, second, third));

    sweeper.sweep();

    verify(processor).process(List.of(first, second, third));
  }

  @Test
  void aSweepWhoseBatchFailsEndsQuietly() {
    when(inbox.due(anyInt())).thenReturn(List.of(UUID.randomUUID()));
    doThrow(new IllegalStateException("database away")).when(processor).process(anyList());

    assertThatCode(sweeper::sweep).doesNotThrowAnyException();
  }

  @Test
  void whenTheInboxCannotBeReadTheSweepIsSkippedQuietly() {
    when(inbox.due(anyInt())).thenThrow(new IllegalStateException("database away"));

    assertThatCode(sweeper::sweep).doesNotThrowAnyException();

    verifyNoInteractions(processor);
  }

  @Test
  void aStoredDeliveryIsProcessedSoonOffTheCallersThread() {
    recordingBatches();
    UUID id = UUID.randomUUID();

    sweeper.processSoon(id);

    await().atMost(Duration.ofSeconds(5)).until(() -> processed.contains(id));
    assertThat(threads).containsExactly("webhook-processor");
  }

  @Test
  void deliveriesStoredWhileABatchIsWorkedAreTheNextBatchInTheOrderTheyCame()
      throws InterruptedException {
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<List<UUID>> batches = Collections.synchronizedList(new ArrayList<>());
    doAnswer(
            batch -> {
              batches.add(batch.getArgument(0));
              busy.countDown();
              release.await();
              return null;
            })
        .when(processor)
        .process(anyList());
    UUID first = UUID.randomUUID();
    sweeper.processSoon(first);
    assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();

    List<UUID> meanwhile = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    meanwhile.forEach(sweeper::processSoon);
    release.countDown();

    await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 2);
    assertThat(batches).containsExactly(List.of(first), meanwhile);
  }

  @Test
  void aFailedBatchLeavesTheWorkerAbleToProcessTheNextDelivery() {
    UUID failing = UUID.randomUUID();
    doAnswer(
            batch -> {
              List<UUID> ids = batch.getArgument(0);
              processed.addAll(ids);
              if (ids.contains(failing)) {
                throw new IllegalStateException("temporal away");
              }
              return null;
            })
        .when(processor)
        .process(anyList());

    sweeper.processSoon(failing);
    await().atMost(Duration.ofSeconds(5)).until(() -> processed.contains(failing));
    UUID next = UUID.randomUUID();
    sweeper.processSoon(next);

    await().atMost(Duration.ofSeconds(5)).until(() -> processed.contains(next));
  }

  @Test
  void aFloodOfDeliveriesWaitsInTheInboxNotInTheHeapAndIsTakenFromThereOldestFirst()
      throws InterruptedException {
    List<UUID> stored = Collections.synchronizedList(new ArrayList<>());
    Set<UUID> done = ConcurrentHashMap.newKeySet();
    when(inbox.due(anyInt()))
        .thenAnswer(
            due -> {
              synchronized (stored) {
                return stored.stream()
                    .filter(id -> !done.contains(id))
                    .limit(due.<Integer>getArgument(0))
                    .toList();
              }
            });
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    doAnswer(
            batch -> {
              busy.countDown();
              release.await();
              done.addAll(batch.getArgument(0));
              return null;
            })
        .when(processor)
        .process(anyList());
    UUID first = UUID.randomUUID();
    stored.add(first);
    sweeper.processSoon(first);
    assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();

    for (int i = 0; i < WebhookSweeper.WAITING_LIMIT + 500; i++) {
      UUID id = UUID.randomUUID();
      stored.add(id);
      sweeper.processSoon(id);
    }
    release.countDown();

    await().atMost(Duration.ofSeconds(30)).until(() -> done.containsAll(stored));
    verify(processor).process(stored.subList(1, 1 + WebhookSweeper.BATCH_LIMIT));
  }
}
