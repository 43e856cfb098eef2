package dev.outdial.app.temporal;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives the embedded Java test server its retention every minute: closed workflows past {@code
 * outdial.temporal.embedded-retention} are forgotten. Does nothing with any other Temporal.
 */
@Component
class EmbeddedTemporalRetention {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalRetention.class);

  private final ObjectProvider<EmbeddedTemporal> embedded;
  private final Clock clock;

  EmbeddedTemporalRetention(ObjectProvider<EmbeddedTemporal> embedded, Clock clock) {
    this.embedded = embedded;
    this.clock = clock;
  }

  @Scheduled(initialDelayString = "1m", fixedDelayString = "1m")
  void forgetExpired() {
    if (embedded.getIfAvailable() instanceof EmbeddedTemporalServer server) {
      try {
        server.forgetExpired(clock.instant());
      } catch (RuntimeException e) {
        log.warn("Forgetting closed workflows failed; tried again later", e);
      }
    }
  }
}
