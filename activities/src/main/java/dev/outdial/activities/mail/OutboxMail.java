package dev.outdial.activities.mail;

import java.time.Instant;
import java.util.UUID;

/** An {@code outbox_mails} row. */
public record OutboxMail(
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
    String lastError) {}
