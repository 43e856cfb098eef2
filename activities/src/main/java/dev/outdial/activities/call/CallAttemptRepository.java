package dev.outdial.activities.call;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The record of each attempt to place a call, written before Bolna is asked. */
class CallAttemptRepository {

  private final JdbcClient jdbc;

  CallAttemptRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record Attempt(
      UUID id,
      String attemptKey,
      String status,
      String bolnaExecutionId,
      UUID callId,
      java.sql.Timestamp createdAt) {}

  Optional<Attempt> find(String attemptKey) {
    return jdbc.sql(
            "SELECT id, attempt_key, status, bolna_execution_id, call_id, created_at"
                + " FROM call_attempts WHERE attempt_key = :key")
        .param("key", attemptKey)
        .query(Attempt.class)
        .optional();
  }

  void insertIntent(
      String attemptKey,
      String workflowId,
      UUID userId,
      UUID agentId,
      UUID queueItemId,
      String phoneNumber,
      java.time.Instant at) {
    jdbc.sql(
            """
            INSERT INTO call_attempts (attempt_key, workflow_id, user_id, agent_id, queue_item_id,
                                       phone_number, created_at, updated_at)
            VALUES (:key, :workflowId, :userId, :agentId, :queueItemId, :phone, :at, :at)
            """)
        .param("at", java.sql.Timestamp.from(at))
        .param("key", attemptKey)
        .param("workflowId", workflowId)
        .param("userId", userId)
        .param("agentId", agentId)
        .param("queueItemId", queueItemId)
        .param("phone", phoneNumber)
        .update();
  }

  /** Forgets an intent Bolna certainly did not act on, so the attempt may be placed again. */
  void forget(String attemptKey) {
    jdbc.sql("DELETE FROM call_attempts WHERE attempt_key = :key AND status = 'placing'")
        .param("key", attemptKey)
        .update();
  }

  void markPlaced(String attemptKey, String executionId, UUID callId) {
    jdbc.sql(
            """
            UPDATE call_attempts SET status = 'placed', bolna_execution_id = :executionId,
              call_id = :callId, updated_at = now()
            WHERE attempt_key = :key
            """)
        .param("key", attemptKey)
        .param("executionId", executionId)
        .param("callId", callId)
        .update();
  }

  void markUnknown(String attemptKey, String reason) {
    jdbc.sql(
            """
            UPDATE call_attempts SET status = 'unknown', failure_reason = :reason, updated_at = now()
            WHERE attempt_key = :key
            """)
        .param("key", attemptKey)
        .param("reason", reason)
        .update();
  }
}
