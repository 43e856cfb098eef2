package dev.outdial.activities.call;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one writer of {@code call_requests}, the queue of one-off calls (keyed by their workflow id):
 * accepted, given slots by the allocator, linked to their call, sent back by the gate, finished by
 * finalizing, and closed by a do-not-call list. Runs in the caller's transaction.
 */
public class OneOffQueue {

  private final JdbcClient jdbc;

  public OneOffQueue(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Queues a call; false when a request of that workflow id was queued before. */
  public boolean enqueue(
      String workflowId,
      UUID userId,
      UUID agentId,
      UUID contactId,
      String phoneNumber,
      String userDataJson,
      int maxAttempts,
      long retryDelaySeconds,
      Instant scheduledFor,
      String note) {
    return jdbc.sql(
                """
                INSERT INTO call_requests (workflow_id, user_id, agent_id, contact_id, phone_number,
                  user_data, max_attempts, retry_delay_seconds, scheduled_for, failure_reason)
                VALUES (:workflowId, :userId, :agentId, :contactId, :phone,
                        CAST(:userData AS jsonb), :maxAttempts, :retryDelay, :scheduledFor, :note)
                ON CONFLICT (workflow_id) DO NOTHING
                """)
            .param("workflowId", workflowId)
            .param("userId", userId)
            .param("agentId", agentId)
            .param("contactId", contactId)
            .param("phone", phoneNumber)
            .param("userData", userDataJson)
            .param("maxAttempts", maxAttempts)
            .param("retryDelay", retryDelaySeconds)
            .param("scheduledFor", Timestamp.from(scheduledFor))
            .param("note", note)
            .update()
        == 1;
  }

  /** The allocator gave the call a slot: it is being called, one attempt more. */
  public void allocate(String workflowId, Instant now) {
    jdbc.sql(
            """
            UPDATE call_requests SET status = 'processing', started_at = :now,
              last_system_allocation_at = :now, attempts = attempts + 1, updated_at = now()
            WHERE workflow_id = :id
            """)
        .param("now", Timestamp.from(now))
        .param("id", workflowId)
        .update();
  }

  /** A queued call held back (quiet hours) is due again at {@code at}, and says why. */
  public void dueAt(String workflowId, Instant at, String reason) {
    jdbc.sql(
            """
            UPDATE call_requests SET scheduled_for = :at, failure_reason = :reason, updated_at = now()
            WHERE workflow_id = :id
            """)
        .param("at", Timestamp.from(at))
        .param("reason", reason)
        .param("id", workflowId)
        .update();
  }

  /** The call is placed: the request follows it. */
  public void linkCall(String workflowId, UUID callId) {
    jdbc.sql(
            "UPDATE call_requests SET call_id = :callId, updated_at = now() WHERE workflow_id = :id")
        .param("callId", callId)
        .param("id", workflowId)
        .update();
  }

  /** Gives the slot back without spending an attempt: never dialed, due again at {@code at}. */
  public void giveBack(String workflowId, Instant at, String reason) {
    jdbc.sql(
            """
            UPDATE call_requests SET status = 'queued', failure_reason = :reason,
              scheduled_for = GREATEST(scheduled_for, :at), attempts = GREATEST(attempts - 1, 0),
              started_at = NULL, updated_at = now()
            WHERE workflow_id = :id AND status = 'processing'
            """)
        .param("reason", reason)
        .param("at", Timestamp.from(at))
        .param("id", workflowId)
        .update();
  }

  /** Ends a request waiting or being called, with {@code status} and why. */
  public void close(String workflowId, String status, String reason) {
    jdbc.sql(
            """
            UPDATE call_requests SET status = :status, failure_reason = :reason,
              completed_at = now(), ended_at = now(), updated_at = now()
            WHERE workflow_id = :id AND status IN ('queued', 'processing')
            """)
        .param("status", status)
        .param("reason", reason)
        .param("id", workflowId)
        .update();
  }

  /** The request's last attempt, the call {@code callId}, ended. */
  public void finish(UUID callId, boolean answered, String reason) {
    jdbc.sql(
            """
            UPDATE call_requests SET status = :status, failure_reason = :reason,
              completed_at = now(), ended_at = now(), updated_at = now()
            WHERE call_id = :callId AND status = 'processing'
            """)
        .param("status", answered ? "completed" : "failed")
        .param("reason", answered ? null : reason)
        .param("callId", callId)
        .update();
  }

  /** Nobody answered the call {@code callId} and attempts are left: due after the retry delay. */
  public void retryLater(UUID callId, Instant now, String reason) {
    jdbc.sql(
            """
            UPDATE call_requests SET status = 'queued', failure_reason = :reason, started_at = NULL,
              scheduled_for = CAST(:now AS timestamptz) + make_interval(secs => retry_delay_seconds),
              updated_at = now()
            WHERE call_id = :callId AND status = 'processing'
            """)
        .param("reason", reason)
        .param("now", Timestamp.from(now))
        .param("callId", callId)
        .update();
  }

  /**
   * The request's workflow ended. One still processing ran in a workflow from before one-off calls
   * were queued, or ended without a call; one that went back to its queue is not over.
   */
  public void workflowEnded(String workflowId) {
    jdbc.sql(
            """
            UPDATE call_requests r SET ended_at = now(), updated_at = now(),
              completed_at = COALESCE(completed_at, now()),
              status = CASE
                WHEN r.status <> 'processing' THEN r.status
                WHEN EXISTS (SELECT 1 FROM calls c WHERE c.id = r.call_id AND c.status = 'completed')
                  THEN 'completed'
                ELSE 'failed' END
            WHERE workflow_id = :id AND ended_at IS NULL AND status <> 'queued'
            """)
        .param("id", workflowId)
        .update();
  }

  /** Closes every queued request to the number (one tenant's, or with null every tenant's). */
  public int skipQueuedTo(String phoneNumber, UUID userId, String reason) {
    return jdbc.sql(
            """
            UPDATE call_requests SET status = 'skipped', failure_reason = :reason,
              completed_at = now(), ended_at = now(), updated_at = now()
            WHERE phone_number = :phone AND status = 'queued'
              AND (CAST(:userId AS uuid) IS NULL OR user_id = :userId)
            """)
        .param("reason", reason)
        .param("phone", phoneNumber)
        .param("userId", userId)
        .update();
  }
}
