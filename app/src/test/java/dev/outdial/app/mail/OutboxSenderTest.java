package dev.outdial.app.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.outdial.activities.mail.MailOutbox;
import dev.outdial.activities.mail.OutboxMail;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/** One round of the sender: sent mails are marked, refused ones wait longer each time. */
class OutboxSenderTest {

  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  private final MailOutbox outbox = mock(MailOutbox.class);
  private final JavaMailSender smtp = mock(JavaMailSender.class);
  private final MailSettings settings =
      new MailSettings(
          "Outdial <no-reply@example.com>",
          Duration.ofSeconds(5),
          20,
          Duration.ofMinutes(5),
          Duration.ofHours(24),
          Duration.ofHours(1),
          Duration.ofMinutes(1),
          Duration.ofDays(30));
  private final OutboxSender sender =
      new OutboxSender(outbox, smtp, settings, Clock.fixed(NOW, ZoneOffset.UTC));

  private static OutboxMail mail(int attempts) {
    return new OutboxMail(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "ada@example.com",
        "Verify your email address for Outdial",
        "Hello",
        "email_verification",
        NOW,
        null,
        attempts,
        NOW.plus(Duration.ofMinutes(5)),
        null);
  }

  @Test
  void aSentMailIsMarkedAndARefusedOneWaitsLongerEachAttempt() throws Exception {
    OutboxMail refused = mail(3);
    OutboxMail accepted = mail(1);
    when(outbox.claimDue(NOW, 20, Duration.ofMinutes(5))).thenReturn(List.of(refused, accepted));
    when(smtp.createMimeMessage())
        .thenAnswer(invocation -> new MimeMessage(Session.getInstance(new Properties())));
    ArgumentCaptor<MimeMessage> sent = ArgumentCaptor.forClass(MimeMessage.class);
    doThrow(new MailSendException("Connection refused"))
        .doNothing()
        .when(smtp)
        .send(sent.capture());

    int count = sender.sendDue();

    assertThat(count).isEqualTo(1);
    verify(outbox).markFailed(refused.id(), "Connection refused", NOW.plusSeconds(120));
    verify(outbox, never()).markSent(eq(refused.id()), any());
    verify(outbox).markSent(accepted.id(), NOW);
    MimeMessage message = sent.getAllValues().get(1);
    assertThat(message.getHeader("X-Outdial-Mail-Id")).containsExactly(accepted.id().toString());
    assertThat(message.getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
    assertThat(message.getSubject()).isEqualTo("Verify your email address for Outdial");
  }
}
