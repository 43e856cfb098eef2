package dev.outdial.activities.mail;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The only writer of {@code outbox_mails}. A mail is added in the caller's transaction, so it
 * exists exactly when the change that causes it commits. Senders then claim due mails in batches: a
 * claim moves {@code next_attempt_at} past a lease in the same statement that picks the rows
 * ({@code FOR UPDATE SKIP LOCKED}), so two senders never hold one mail at once, and a sender that
 * dies between sending and {@link #markSent} leaves the mail to be claimed again when the lease
 * ends. Delivery is therefore at least once: never lost, and sent twice only after such a crash
 * (the sender puts the mail's id in a header, so a receiver can tell).
 */
@Component
public class MailOutbox {

  private static final String COLUMNS =
      """
      id, user_id, to_address, subject, body, kind, created_at, sent_at, attempts,
      next_attempt_at, last_error
      """;

  private final JdbcClient jdbc;

  public MailOutbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds a mail, due at once, in the caller's transaction. */
  public UUID add(NewMail mail) {
    return jdbc.sql(
            """
            INSERT INTO outbox_mails (user_id, to_address, subject, body, kind)
            VALUES (:userId, :toAddress, :subject, :body, :kind)
            RETURNING id
            """)
        .param("userId", mail.userId())
        .param("toAddress", mail.toAddress())
        .param("subject", mail.subject())
        .param("body", mail.body())
        .param("kind", mail.kind())
        .query(UUID.class)
        .single();
  }

  /**
   * Claims up to {@code limit} unsent mails whose turn has come at {@code now}, oldest turn first:
   * each gets one more attempt and is not due again before {@code now + lease}. One statement, so
   * it commits on its own when no transaction surrounds it, as it should: the claim must be visible
   * to other senders before the mails are sent.
   */
  public List<OutboxMail> claimDue(Instant now, int limit, Duration lease) {
    return jdbc.sql(
            """
            UPDATE outbox_mails SET attempts = attempts + 1, next_attempt_at = :leaseEnd
            WHERE id IN (
              SELECT id FROM outbox_mails
              WHERE sent_at IS NULL AND next_attempt_at <= :now
              ORDER BY next_attempt_at
              LIMIT :limit
              FOR UPDATE SKIP LOCKED)
            RETURNING
            """
                + COLUMNS)
        .param("now", Timestamp.from(now))
        .param("leaseEnd", Timestamp.from(now.plus(lease)))
        .param("limit", limit)
        .query(OutboxMail.class)
        .list();
  }

  /** Marks a mail sent; false when it was sent already (by a sender whose lease had run out). */
  public boolean markSent(UUID id, Instant at) {
    return jdbc.sql(
                """
                UPDATE outbox_mails SET sent_at = :at, last_error = NULL
                WHERE id = :id AND sent_at IS NULL
                """)
            .param("id", id)
            .param("at", Timestamp.from(at))
            .update()
        == 1;
  }

  /** Keeps an unsent mail for another attempt at {@code retryAt}, with what went wrong. */
  public void markFailed(UUID id, String error, Instant retryAt) {
    jdbc.sql(
            """
            UPDATE outbox_mails SET last_error = :error, next_attempt_at = :retryAt
            WHERE id = :id AND sent_at IS NULL
            """)
        .param("id", id)
        .param("error", error)
        .param("retryAt", Timestamp.from(retryAt))
        .update();
  }

  /** How long to wait after a failed attempt: 30 s, doubling, at most an hour. */
  public static Duration backoff(int attempts) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 7);
    Duration wait = Duration.ofSeconds(30L << doublings);
    return wait.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : wait;
  }

  /** Mails newest first, after the keyset position given (both null for the first page). */
  public List<OutboxMail> page(Instant afterCreatedAt, UUID afterId, int size) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + """
                FROM outbox_mails
                WHERE CAST(:afterCreatedAt AS timestamptz) IS NULL
                   OR (created_at, id) < (CAST(:afterCreatedAt AS timestamptz), :afterId)
                ORDER BY created_at DESC, id DESC
                LIMIT :size
                """)
        .param("afterCreatedAt", afterCreatedAt == null ? null : Timestamp.from(afterCreatedAt))
        .param("afterId", afterId)
        .param("size", size)
        .query(OutboxMail.class)
        .list();
  }

  /**
   * Deletes mails sent before {@code cutoff}; unsent ones stay whatever their age, so nothing is
   * dropped unread. Returns how many went.
   */
  public int forgetSentBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM outbox_mails WHERE sent_at < :cutoff")
        .param("cutoff", Timestamp.from(cutoff))
        .update();
  }

  /** How many mails wait to be sent. */
  public int unsent() {
    return jdbc.sql("SELECT count(*) FROM outbox_mails WHERE sent_at IS NULL")
        .query(Integer.class)
        .single();
  }
}
