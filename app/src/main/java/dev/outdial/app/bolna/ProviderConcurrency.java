package dev.outdial.app.bolna;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.activities.dispatch.CallSlots;
import dev.outdial.app.system.SystemConfigRepository;
import dev.outdial.app.temporal.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the provider's own concurrency ({@code GET /user/me} → {@code concurrency.max}) at start
 * and every few minutes, and keeps it where the allocator and the dial gate read the platform's
 * limit: Bolna queues calls above it, and a call queued there is out of our hands.
 */
@Component
public class ProviderConcurrency {

  private static final Logger log = LoggerFactory.getLogger(ProviderConcurrency.class);

  private final BolnaGateway bolna;
  private final SystemConfigRepository config;
  private final WorkerProperties workers;
  private volatile Integer last;

  public ProviderConcurrency(
      BolnaGateway bolna, SystemConfigRepository config, WorkerProperties workers) {
    this.bolna = bolna;
    this.config = config;
    this.workers = workers;
  }

  @Scheduled(
      initialDelayString = "${outdial.bolna.concurrency-refresh-delay:5s}",
      fixedDelayString = "${outdial.bolna.concurrency-refresh-interval:5m}")
  public void refresh() {
    if (!workers.enabled()) {
      return;
    }
    try {
      JsonNode max = bolna.client().getUser().path("concurrency").path("max");
      if (!max.canConvertToInt() || max.asInt() < 1) {
        log.warn("Bolna's /user/me gave no concurrency.max; the platform limit stands alone");
        return;
      }
      int limit = max.asInt();
      config.put(CallSlots.PROVIDER_LIMIT_KEY, Integer.toString(limit), null);
      if (last == null || last != limit) {
        log.info("Bolna allows {} calls at once on this account", limit);
      }
      last = limit;
    } catch (RuntimeException e) {
      log.warn("Bolna's concurrency not read (the last known value stands): {}", e.getMessage());
    }
  }
}
