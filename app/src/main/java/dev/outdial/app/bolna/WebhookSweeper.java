package dev.outdial.app.bolna;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gets stored webhooks processed: each right after it is stored, off the request thread, and every
 * few seconds whatever is still pending (after a crash, a failed signal, or a delivery that came
 * before its call was known).
 */
@Component
public class WebhookSweeper {

  private static final Logger log = LoggerFactory.getLogger(WebhookSweeper.class);

  private final WebhookProcessor processor;
  private final WebhookInboxRepository inbox;

  /**
   * At most this many stored events wait for a processing thread; past it, a burst is left to the
   * sweep (it is in the inbox already), so a flood of deliveries cannot fill the heap.
   */
  static final int WAITING_LIMIT = 10_000;

  private final ExecutorService soon;

  /**
   * @param threads events processed at once right after they are stored; each waits mostly on
   *     Temporal answering its signal, holding no database connection meanwhile ({@code
   *     outdial.bolna.webhook.processing-threads})
   */
  public WebhookSweeper(
      WebhookProcessor processor,
      WebhookInboxRepository inbox,
      @Value("${outdial.bolna.webhook.processing-threads:8}") int threads) {
    this.processor = processor;
    this.inbox = inbox;
    this.soon =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(WAITING_LIMIT),
            runnable -> {
              Thread thread = new Thread(runnable, "webhook-processor");
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.DiscardPolicy());
  }

  /** Processes a stored event shortly; if that fails or too many wait, the sweep picks it up. */
  public void processSoon(UUID eventId) {
    soon.execute(
        () -> {
          try {
            processor.process(eventId);
          } catch (RuntimeException e) {
            log.warn("Webhook {} left for the sweeper: {}", eventId, e.toString());
          }
        });
  }

  @Scheduled(
      fixedDelayString = "${outdial.bolna.webhook.sweep-interval:5s}",
      initialDelayString = "${outdial.bolna.webhook.sweep-interval:5s}")
  public void sweep() {
    List<UUID> due;
    try {
      due = inbox.due(500);
    } catch (RuntimeException e) {
      // Postgres is unreachable (or shutting down): the deliveries wait in the inbox.
      log.warn("Webhook sweep skipped: {}", e.getMessage());
      return;
    }
    for (UUID id : due) {
      try {
        processor.process(id);
      } catch (RuntimeException e) {
        log.warn("Webhook {} still pending: {}", id, e.toString());
      }
    }
  }
}
