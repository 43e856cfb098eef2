package dev.outdial.app.mail;

import dev.outdial.activities.mail.MailOutbox;
import dev.outdial.activities.mail.OutboxMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox through SMTP, when {@code spring.mail.host} is set. Each round claims a bounded
 * batch ({@link MailOutbox#claimDue}: a lease, so other nodes skip it), sends each mail and marks
 * it sent; a refused or failed mail is tried again later, waiting longer each time. A node that
 * dies mid-batch leaves its mails to be claimed again when the lease ends: at least once, never
 * lost. Runs on a thread of its own, so a slow mail server delays no other scheduled work.
 */
@Component
// A host given empty (as compose passes an unset one) is no host.
@ConditionalOnExpression("!'${spring.mail.host:}'.isBlank()")
public class OutboxSender implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

  private final MailOutbox outbox;
  private final JavaMailSender mailSender;
  private final MailSettings settings;
  private final Clock clock;
  private ThreadPoolTaskScheduler scheduler;

  OutboxSender(MailOutbox outbox, JavaMailSender mailSender, MailSettings settings, Clock clock) {
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.settings = settings;
    this.clock = clock;
  }

  /** One round: sends the mails due now, at most one batch; returns how many were sent. */
  public int sendDue() {
    List<OutboxMail> batch =
        outbox.claimDue(clock.instant(), settings.batchSize(), settings.lease());
    int sent = 0;
    for (OutboxMail mail : batch) {
      try {
        mailSender.send(message(mail));
        outbox.markSent(mail.id(), clock.instant());
        sent++;
      } catch (MailException | MessagingException e) {
        var retryAt = clock.instant().plus(MailOutbox.backoff(mail.attempts()));
        log.warn(
            "Mail {} ({}) to {} not sent (attempt {}), tried again at {}: {}",
            mail.id(),
            mail.kind(),
            mail.toAddress(),
            mail.attempts(),
            retryAt,
            e.getMessage());
        outbox.markFailed(mail.id(), String.valueOf(e.getMessage()), retryAt);
      }
    }
    return sent;
  }

  private MimeMessage message(OutboxMail mail) throws MessagingException {
    MimeMessage message = mailSender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
    helper.setFrom(settings.from());
    helper.setTo(mail.toAddress());
    helper.setSubject(mail.subject());
    helper.setText(mail.body(), false);
    // Sent again only after a crash between sending and marking: the same id tells a repeat.
    message.setHeader("X-Outdial-Mail-Id", mail.id().toString());
    return message;
  }

  private void round() {
    try {
      int sent;
      do {
        sent = sendDue();
      } while (sent == settings.batchSize() && isRunning());
    } catch (RuntimeException e) {
      // Postgres is away: the mails are claimed at a later round.
      log.warn("Outbox not sent this round: {}", e.getMessage());
    }
  }

  @Override
  public synchronized void start() {
    scheduler = new ThreadPoolTaskScheduler();
    scheduler.setThreadNamePrefix("outbox-mail-");
    scheduler.setPoolSize(1);
    scheduler.setWaitForTasksToCompleteOnShutdown(false);
    scheduler.initialize();
    scheduler.scheduleWithFixedDelay(this::round, settings.sendInterval());
    log.info(
        "Mails are sent through SMTP at {} every {}",
        mailSender instanceof org.springframework.mail.javamail.JavaMailSenderImpl impl
            ? impl.getHost() + ":" + impl.getPort()
            : "the configured server",
        settings.sendInterval());
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdown();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
