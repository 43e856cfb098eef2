package dev.outdial.app.bolna;

import dev.outdial.app.bolna.WebhookInboxRepository.NewDelivery;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Stores deliveries for the request threads that received them, many in one statement. Each request
 * still waits until its own row is committed, so Bolna's 2xx means stored; under load one commit
 * serves every delivery that arrived while the previous one was being written, instead of each
 * waiting for a commit of its own.
 */
@Component
public class WebhookInboxWriter implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(WebhookInboxWriter.class);

  /** The most deliveries written in one statement. */
  static final int BATCH_LIMIT = 500;

  /**
   * The most deliveries waiting for the writer; past it a request writes its own row, which slows
   * the senders down instead of filling the heap.
   */
  static final int WAITING_LIMIT = 5_000;

  private final WebhookInboxRepository inbox;
  private final BlockingQueue<Waiting> waiting = new ArrayBlockingQueue<>(WAITING_LIMIT);
  private final Thread writer;
  private volatile boolean running = true;

  private record Waiting(NewDelivery delivery, CompletableFuture<Void> stored) {}

  public WebhookInboxWriter(WebhookInboxRepository inbox) {
    this.inbox = inbox;
    this.writer = new Thread(this::writeWhatWaits, "webhook-inbox-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Stores a well-formed delivery, not processed yet, and answers its id once it is committed.
   *
   * @throws RuntimeException what writing it threw (Postgres away, a value it refuses)
   */
  public UUID store(String executionId, String status, String payloadJson, String remoteAddress) {
    NewDelivery delivery =
        new NewDelivery(UUID.randomUUID(), executionId, status, payloadJson, remoteAddress);
    Waiting mine = new Waiting(delivery, new CompletableFuture<>());
    if (!running || !waiting.offer(mine)) {
      inbox.storeAll(List.of(delivery));
      return delivery.id();
    }
    try {
      // The bound only matters should the app stop between this offer and the writer's end.
      mine.stored().get(1, TimeUnit.MINUTES);
    } catch (TimeoutException e) {
      throw new IllegalStateException("The webhook inbox writer has stopped", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the delivery was being stored", e);
    }
    return delivery.id();
  }

  /** Deliveries waiting for the writer now. */
  int waiting() {
    return waiting.size();
  }

  private void writeWhatWaits() {
    List<Waiting> batch = new ArrayList<>(BATCH_LIMIT);
    while (running || !waiting.isEmpty()) {
      try {
        Waiting first = waiting.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        waiting.drainTo(batch, BATCH_LIMIT - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // write() answers every waiter; nothing may end the writer itself.
        log.error("Webhook inbox writer: {}", e.toString(), e);
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Waiting> batch) {
    try {
      inbox.storeAll(batch.stream().map(Waiting::delivery).toList());
      batch.forEach(waiter -> waiter.stored().complete(null));
    } catch (RuntimeException batchFailure) {
      if (batch.size() == 1) {
        batch.get(0).stored().completeExceptionally(batchFailure);
        return;
      }
      // One delivery Postgres refuses must not fail the others: each is written on its own.
      for (Waiting waiter : batch) {
        try {
          inbox.storeAll(List.of(waiter.delivery()));
          waiter.stored().complete(null);
        } catch (RuntimeException failure) {
          waiter.stored().completeExceptionally(failure);
        }
      }
    }
  }

  /** Writes what waits, then stops; a delivery arriving meanwhile writes its own row. */
  @Override
  public void destroy() throws InterruptedException {
    running = false;
    writer.join(TimeUnit.SECONDS.toMillis(10));
    List<Waiting> left = new ArrayList<>();
    waiting.drainTo(left);
    if (!left.isEmpty()) {
      write(left);
    }
  }
}
