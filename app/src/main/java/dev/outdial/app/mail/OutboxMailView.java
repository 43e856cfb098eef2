package dev.outdial.app.mail;

import dev.outdial.activities.mail.OutboxMail;
import java.time.Instant;
import java.util.UUID;

/**
 * A mail in the outbox as a super_admin reads it: sent ({@code sent_at}) or waiting, with its
 * attempts and the last error.
 */
public record OutboxMailView(
    UUID id,
    UUID userId,
    String toAddress,
    String subject,
    String body,
    String kind,
    Instant createdAt,
    Instant sentAt,
    int attempts,
    Instant nextAttemptAt,
    String lastError) {

  static OutboxMailView of(OutboxMail mail) {
    return new OutboxMailView(
        mail.id(),
        mail.userId(),
        mail.toAddress(),
        mail.subject(),
        mail.body(),
        mail.kind(),
        mail.createdAt(),
        mail.sentAt(),
        mail.attempts(),
        mail.sentAt() == null ? mail.nextAttemptAt() : null,
        mail.lastError());
  }
}
