package dev.outdial.app.bolna;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  private final ExecutorService soon =
      Executors.newFixedThreadPool(
          4,
          runnable -> {
            Thread thread = new Thread(runnable, "webhook-processor");
            thread.setDaemon(true);
            return thread;
          });

  public WebhookSweeper(WebhookProcessor processor, WebhookInboxRepository inbox) {
    this.processor = processor;
    this.inbox = inbox;
  }

  /** Processes a stored event shortly; if that fails, the sweep picks it up. */
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
