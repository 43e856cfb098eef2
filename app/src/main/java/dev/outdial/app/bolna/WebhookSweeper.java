package dev.outdial.app.bolna;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gets stored webhooks processed: right after they are stored, off the request thread, every
 * delivery that arrived while the previous batch was worked in one batch; and every few seconds
 * whatever is still pending (after a crash, a failed signal, or a delivery that came before its
 * call was known).
 */
@Component
public class WebhookSweeper implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(WebhookSweeper.class);

  /**
   * At most this many stored events wait for processing; past it, a burst is left to the sweep (it
   * is in the inbox already), so a flood of deliveries cannot fill the heap.
   */
  static final int WAITING_LIMIT = 10_000;

  /** The most events processed in one batch. */
  static final int BATCH_LIMIT = 500;

  private final WebhookProcessor processor;
  private final WebhookInboxRepository inbox;
  private final BlockingQueue<UUID> waiting = new ArrayBlockingQueue<>(WAITING_LIMIT);
  private final Thread batcher;
  private volatile boolean running = true;

  /** Set when a stored event found no room to wait: the batcher then reads the inbox itself. */
  private final AtomicBoolean overflowed = new AtomicBoolean();

  public WebhookSweeper(WebhookProcessor processor, WebhookInboxRepository inbox) {
    this.processor = processor;
    this.inbox = inbox;
    this.batcher = new Thread(this::processWhatWaits, "webhook-processor");
    batcher.setDaemon(true);
    batcher.start();
  }

  /**
   * Processes a stored event shortly. Past {@link #WAITING_LIMIT} waiting, the event is read back
   * from the inbox instead; if processing fails, the sweep picks it up.
   */
  public void processSoon(UUID eventId) {
    if (!waiting.offer(eventId)) {
      overflowed.set(true);
    }
  }

  private void processWhatWaits() {
    List<UUID> batch = new ArrayList<>(BATCH_LIMIT);
    while (running) {
      try {
        if (overflowed.getAndSet(false)) {
          catchUpFromTheInbox();
          continue;
        }
        UUID first = waiting.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        waiting.drainTo(batch, BATCH_LIMIT - 1);
        processor.process(List.copyOf(batch));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // Nothing may end the batcher itself; the events wait in the inbox.
        log.warn("{} webhooks left for the sweeper: {}", batch.size(), e.toString());
      } finally {
        batch.clear();
      }
    }
  }

  /**
   * After a flood some stored events are known only to the inbox, and they are older than those
   * waiting here: the inbox, oldest first, is the work list until it has no full batch left. What
   * waits here is in the inbox too, so it is dropped rather than processed out of turn.
   */
  private void catchUpFromTheInbox() {
    List<UUID> due;
    do {
      waiting.clear();
      due = inbox.due(BATCH_LIMIT);
      processor.process(due);
    } while (due.size() == BATCH_LIMIT && running);
  }

  @Scheduled(
      fixedDelayString = "${outdial.bolna.webhook.sweep-interval:5s}",
      initialDelayString = "${outdial.bolna.webhook.sweep-interval:5s}")
  public void sweep() {
    List<UUID> due;
    try {
      due = inbox.due(BATCH_LIMIT);
    } catch (RuntimeException e) {
      // Postgres is unreachable (or shutting down): the deliveries wait in the inbox.
      log.warn("Webhook sweep skipped: {}", e.getMessage());
      return;
    }
    try {
      processor.process(due);
    } catch (RuntimeException e) {
      log.warn("{} webhooks still pending: {}", due.size(), e.toString());
    }
  }

  /** Lets the batch being worked finish; what still waits, the sweep takes after a restart. */
  @Override
  public void destroy() throws InterruptedException {
    running = false;
    batcher.join(TimeUnit.SECONDS.toMillis(10));
  }
}
