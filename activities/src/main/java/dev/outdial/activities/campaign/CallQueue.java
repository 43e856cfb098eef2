package dev.outdial.activities.campaign;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one writer of {@code call_queue}, a campaign's items: filled with a draft, given slots by the
 * allocator, linked to their call, sent back by the gate, finished by finalizing, and closed when
 * the campaign, its end date or a do-not-call list says so. Every move of an item is here; callers
 * decide when. Runs in the caller's transaction.
 */
public class CallQueue {

  private final JdbcClient jdbc;

  public CallQueue(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One item of a draft, before it is written. */
  public record NewItem(
      UUID contactId,
      String phoneNumber,
      String name,
      String userData,
      String status,
      int position,
      Instant scheduledFor,
      String timezone,
      String reason) {}

  /** Writes a draft's items in one statement; a skipped one is closed at once. */
  public void insert(UUID userId, UUID campaignId, UUID agentId, List<NewItem> items) {
    jdbc.sql(
            """
            INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
              contact_name, user_data, status, position, scheduled_for, timezone, failure_reason,
              completed_at)
            SELECT :userId, :campaignId, :agentId, r.contact_id, r.phone, r.name,
                   CAST(r.user_data AS jsonb), r.status, r.position, r.scheduled_for, r.timezone,
                   r.reason, CASE WHEN r.status = 'skipped' THEN now() END
            FROM unnest(CAST(:contactIds AS uuid[]), CAST(:phones AS text[]),
                        CAST(:names AS text[]), CAST(:userData AS text[]),
                        CAST(:statuses AS text[]), CAST(:positions AS int[]),
                        CAST(:scheduledFor AS timestamptz[]), CAST(:timezones AS text[]),
                        CAST(:reasons AS text[]))
                 AS r(contact_id, phone, name, user_data, status, position, scheduled_for,
                      timezone, reason)
            """)
        .param("userId", userId)
        .param("campaignId", campaignId)
        .param("agentId", agentId)
        .param(
            "contactIds", items.stream().map(r -> r.contactId().toString()).toArray(String[]::new))
        .param("phones", items.stream().map(NewItem::phoneNumber).toArray(String[]::new))
        .param("names", items.stream().map(NewItem::name).toArray(String[]::new))
        .param("userData", items.stream().map(NewItem::userData).toArray(String[]::new))
        .param("statuses", items.stream().map(NewItem::status).toArray(String[]::new))
        .param("positions", items.stream().map(NewItem::position).toArray(Integer[]::new))
        .param(
            "scheduledFor",
            items.stream().map(r -> r.scheduledFor().toString()).toArray(String[]::new))
        .param("timezones", items.stream().map(NewItem::timezone).toArray(String[]::new))
        .param("reasons", items.stream().map(NewItem::reason).toArray(String[]::new))
        .update();
  }

  /** Cancels the campaign's queued items, with the reason; calls in progress are left to end. */
  public int cancelQueued(UUID campaignId) {
    return jdbc.sql(
            """
            UPDATE call_queue SET status = 'cancelled', completed_at = now(), updated_at = now(),
              failure_reason = 'the campaign was cancelled'
            WHERE campaign_id = :id AND status = 'queued'
            """)
        .param("id", campaignId)
        .update();
  }

  /**
   * Skips the campaign's queued items whose recipient's last calling day has passed: calling
   * happens only on days before the end date, in the recipient's zone; a window that crosses
   * midnight may run into the end date until its last call time.
   */
  public int skipPastEndDate(UUID campaignId, Instant now) {
    return jdbc.sql(
            """
            UPDATE call_queue q SET status = 'skipped', completed_at = now(), updated_at = now(),
              failure_reason = 'the campaign ended before this recipient could be called'
            FROM call_campaigns c
            WHERE c.id = :id AND q.campaign_id = c.id AND q.status = 'queued'
              AND c.end_date IS NOT NULL
              AND :now >= ((c.end_date + CASE WHEN c.last_call_time < c.first_call_time
                                              THEN c.last_call_time ELSE time '00:00' END)
                           AT TIME ZONE q.timezone)
            """)
        .param("id", campaignId)
        .param("now", Timestamp.from(now))
        .update();
  }

  /** Closes every queued item to the number (one tenant's, or with null every tenant's). */
  public int skipQueuedTo(String phoneNumber, UUID userId, String reason) {
    return jdbc.sql(
            """
            UPDATE call_queue SET status = 'skipped', failure_reason = :reason,
              completed_at = now(), updated_at = now()
            WHERE phone_number = :phone AND status = 'queued'
              AND (CAST(:userId AS uuid) IS NULL OR user_id = :userId)
            """)
        .param("reason", reason)
        .param("phone", phoneNumber)
        .param("userId", userId)
        .update();
  }

  /** The allocator gave the item a slot: it is being called, one attempt more. */
  public void allocate(UUID itemId, Instant now) {
    jdbc.sql(
            """
            UPDATE call_queue SET status = 'processing', started_at = :now,
              last_system_allocation_at = :now, attempts = attempts + 1, updated_at = now()
            WHERE id = :id
            """)
        .param("now", Timestamp.from(now))
        .param("id", itemId)
        .update();
  }

  /** A queued item whose window is closed now waits for its next opening. */
  public void dueAt(UUID itemId, Instant at) {
    jdbc.sql("UPDATE call_queue SET scheduled_for = :at, updated_at = now() WHERE id = :id")
        .param("at", Timestamp.from(at))
        .param("id", itemId)
        .update();
  }

  /**
   * The call is placed: the item follows it. An item that has ended stays ended: a placement
   * recorded again (a call workflow started again by recovery, a retried activity that finishes
   * late) must not reopen an item whose call was finalized, which would leave it {@code processing}
   * for ever and its campaign never complete.
   */
  public void linkCall(UUID itemId, UUID callId) {
    jdbc.sql(
            """
            UPDATE call_queue SET call_id = :callId, status = 'processing',
              started_at = COALESCE(started_at, now()), updated_at = now()
            WHERE id = :id AND status IN ('queued', 'processing')
            """)
        .param("callId", callId)
        .param("id", itemId)
        .update();
  }

  /**
   * Gives an allocated item's slot back without spending an attempt: it was never dialed, and is
   * due again at {@code at} (or as it was, when that is later).
   */
  public void giveBack(UUID itemId, Instant at, String reason) {
    jdbc.sql(
            """
            UPDATE call_queue SET status = 'queued', failure_reason = :reason,
              scheduled_for = GREATEST(scheduled_for, :at), attempts = GREATEST(attempts - 1, 0),
              started_at = NULL, updated_at = now()
            WHERE id = :id AND status = 'processing'
            """)
        .param("reason", reason)
        .param("at", Timestamp.from(at))
        .param("id", itemId)
        .update();
  }

  /** Ends an item that is waiting or being called with {@code status} and why. */
  public void close(UUID itemId, String status, String reason) {
    jdbc.sql(
            """
            UPDATE call_queue SET status = :status, failure_reason = :reason,
              completed_at = now(), updated_at = now()
            WHERE id = :id AND status IN ('queued', 'processing')
            """)
        .param("status", status)
        .param("reason", reason)
        .param("id", itemId)
        .update();
  }

  /** The item's last attempt ended: {@code completed}, or {@code failed} with why. */
  public void finish(UUID itemId, boolean answered, String reason) {
    jdbc.sql(
            """
            UPDATE call_queue SET status = :status, failure_reason = :reason,
              completed_at = now(), updated_at = now()
            WHERE id = :id
            """)
        .param("status", answered ? "completed" : "failed")
        .param("reason", answered ? null : reason)
        .param("id", itemId)
        .update();
  }

  /** Nobody answered and attempts are left: due again after the campaign's retry delay. */
  public void retryLater(UUID itemId, Instant now, String reason) {
    jdbc.sql(
            """
            UPDATE call_queue SET status = 'queued', failure_reason = :reason,
              scheduled_for = CAST(:now AS timestamptz) + make_interval(mins => COALESCE(
                (SELECT retry_delay_minutes FROM call_campaigns WHERE id = call_queue.campaign_id), 60)),
              updated_at = now()
            WHERE id = :id
            """)
        .param("reason", reason)
        .param("now", Timestamp.from(now))
        .param("id", itemId)
        .update();
  }
}
