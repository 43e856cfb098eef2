package dev.outdial.app.mail;

import dev.outdial.activities.mail.MailOutbox;
import dev.outdial.activities.mail.MailTokens;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets mails sent longer ago than {@code outdial.mail.keep-sent}, and the records of links that
 * expired as long ago, so neither table grows for ever. Unsent mails are kept.
 */
@Component
class MailRetention {

  private static final Logger log = LoggerFactory.getLogger(MailRetention.class);

  private final MailOutbox outbox;
  private final MailTokens tokens;
  private final MailSettings settings;
  private final Clock clock;

  MailRetention(MailOutbox outbox, MailTokens tokens, MailSettings settings, Clock clock) {
    this.outbox = outbox;
    this.tokens = tokens;
    this.settings = settings;
    this.clock = clock;
  }

  @Scheduled(initialDelayString = "2m", fixedDelayString = "1h")
  void forgetOld() {
    Instant cutoff = clock.instant().minus(settings.keepSent());
    try {
      int mails = outbox.forgetSentBefore(cutoff);
      int links = tokens.forgetExpiredBefore(cutoff);
      if (mails + links > 0) {
        log.info("Forgot {} sent mails and {} expired links from before {}", mails, links, cutoff);
      }
    } catch (RuntimeException e) {
      // Postgres is away: the next run forgets them.
      log.warn("Old mails not forgotten: {}", e.getMessage());
    }
  }
}
