package dev.outdial.activities.contact;

import dev.outdial.activities.call.OneOffQueue;
import dev.outdial.activities.campaign.CallQueue;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one writer of {@code do_not_call_numbers}: a tenant's list ({@code userId}) or the platform's
 * ({@code userId} null). Adding a number closes, in the same transaction, every call still queued
 * to it (that tenant's, or every tenant's for the platform list), so nothing waits to be refused.
 * The dial gate reads the list again at the moment of every dial. Runs in the caller's transaction.
 */
public class DoNotCallList {

  private static final Logger log = LoggerFactory.getLogger(DoNotCallList.class);

  /** Sources of an entry. */
  public static final String MANUAL = "manual";

  public static final String IMPORT = "import";
  public static final String CALLEE = "callee";

  private final JdbcClient jdbc;
  private final CallQueue queue;
  private final OneOffQueue oneOffs;

  public DoNotCallList(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.queue = new CallQueue(jdbc);
    this.oneOffs = new OneOffQueue(jdbc);
  }

  public record Entry(
      UUID id,
      UUID userId,
      String phoneNumber,
      String reason,
      String source,
      UUID createdBy,
      Instant createdAt) {}

  /**
   * What adding did.
   *
   * @param added false when the number was listed already (the first entry stands)
   * @param closedCalls queued calls to the number that were closed
   */
  public record Added(Entry entry, boolean added, int closedCalls) {}

  /** Lists the number (E.164). Repeating it changes nothing. */
  public Added add(UUID userId, String e164, String reason, String source, UUID createdBy) {
    Optional<Entry> inserted =
        jdbc.sql(
                """
                INSERT INTO do_not_call_numbers (user_id, phone_number, reason, source, created_by)
                VALUES (:userId, :phone, :reason, :source, :createdBy)
                ON CONFLICT DO NOTHING
                RETURNING id, user_id, phone_number, reason, source, created_by, created_at
                """)
            .param("userId", userId)
            .param("phone", e164)
            .param("reason", reason)
            .param("source", source)
            .param("createdBy", createdBy)
            .query(Entry.class)
            .optional();
    if (inserted.isEmpty()) {
      return new Added(find(userId, e164).orElseThrow(), false, 0);
    }
    String why =
        "the number is on "
            + (userId == null ? "the platform's" : "the account's")
            + " do-not-call list"
            + (reason == null || reason.isBlank() ? "" : " (" + reason + ")");
    int closed = queue.skipQueuedTo(e164, userId, why) + oneOffs.skipQueuedTo(e164, userId, why);
    log.info(
        "{} added to {} do-not-call list ({}); {} queued call(s) closed",
        e164,
        userId == null ? "the platform's" : "user " + userId + "'s",
        source,
        closed);
    return new Added(inserted.get(), true, closed);
  }

  /** Takes the number off the list; false when it was not on it. */
  public boolean remove(UUID userId, String e164) {
    return jdbc.sql(
                """
                DELETE FROM do_not_call_numbers
                WHERE phone_number = :phone
                  AND (user_id = :userId OR (CAST(:userId AS uuid) IS NULL AND user_id IS NULL))
                """)
            .param("phone", e164)
            .param("userId", userId)
            .update()
        > 0;
  }

  public Optional<Entry> find(UUID userId, String e164) {
    return jdbc.sql(
            """
            SELECT id, user_id, phone_number, reason, source, created_by, created_at
            FROM do_not_call_numbers
            WHERE phone_number = :phone
              AND (user_id = :userId OR (CAST(:userId AS uuid) IS NULL AND user_id IS NULL))
            """)
        .param("phone", e164)
        .param("userId", userId)
        .query(Entry.class)
        .optional();
  }

  /** The list, newest first, after the keyset position ({@code afterAt}, {@code afterId}). */
  public List<Entry> page(UUID userId, Instant afterAt, UUID afterId, int fetch) {
    return jdbc.sql(
            """
            SELECT id, user_id, phone_number, reason, source, created_by, created_at
            FROM do_not_call_numbers
            WHERE (user_id = :userId OR (CAST(:userId AS uuid) IS NULL AND user_id IS NULL))
              AND (CAST(:afterAt AS timestamptz) IS NULL OR (created_at, id) < (:afterAt, :afterId))
            ORDER BY created_at DESC, id DESC
            LIMIT :fetch
            """)
        .param("userId", userId)
        .param("afterAt", afterAt == null ? null : Timestamp.from(afterAt))
        .param("afterId", afterId)
        .param("fetch", fetch)
        .query(Entry.class)
        .list();
  }
}
