package dev.outdial.activities.dispatch;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many calls hold a slot, and how many may: the one count that both the allocator (which looks
 * ahead) and the gate (which decides at the moment of dialing) use, so they never disagree.
 */
public class CallSlots {

  /** The system_config key where the provider's own concurrency limit is kept when known. */
  public static final String PROVIDER_LIMIT_KEY = "provider_concurrent_calls_limit";

  private final JdbcClient jdbc;

  public CallSlots(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Calls holding a slot, of one user or (null) of the platform: campaign items and one-off calls
   * given a slot, and inbound calls in progress.
   */
  public int active(UUID userId) {
    return jdbc.sql(
            """
            SELECT (SELECT count(*) FROM call_queue
                    WHERE status = 'processing' AND (CAST(:userId AS uuid) IS NULL OR user_id = :userId))
                 + (SELECT count(*) FROM call_requests
                    WHERE status = 'processing' AND (CAST(:userId AS uuid) IS NULL OR user_id = :userId))
                 + (SELECT count(*) FROM calls c
                    WHERE c.status = 'in_progress'
                      AND (CAST(:userId AS uuid) IS NULL OR c.user_id = :userId)
                      AND NOT EXISTS (SELECT 1 FROM call_queue q
                                      WHERE q.call_id = c.id AND q.status = 'processing')
                      AND NOT EXISTS (SELECT 1 FROM call_requests r
                                      WHERE r.call_id = c.id AND r.status = 'processing'))
            """)
        .param("userId", userId)
        .query(Integer.class)
        .single();
  }

  /**
   * Calls past the gate, of one user or (null) of the platform: in progress at Bolna, or being
   * placed (the intent is recorded, Bolna's answer not yet). The gate counts these, not items
   * merely allocated, so an allocated item never blocks another that reached the gate first.
   */
  public int dialed(UUID userId) {
    return jdbc.sql(
            """
            SELECT (SELECT count(*) FROM calls
                    WHERE status = 'in_progress' AND (CAST(:userId AS uuid) IS NULL OR user_id = :userId))
                 + (SELECT count(*) FROM call_attempts
                    WHERE status = 'placing' AND (CAST(:userId AS uuid) IS NULL OR user_id = :userId))
            """)
        .param("userId", userId)
        .query(Integer.class)
        .single();
  }

  /** The user's own limit, or 0 for a user who is gone or deactivated. */
  public int userLimit(UUID userId) {
    return jdbc.sql("SELECT concurrent_calls_limit FROM users WHERE id = :id AND is_active")
        .param("id", userId)
        .query(Integer.class)
        .optional()
        .orElse(0);
  }

  /**
   * The platform's limit: the system-wide setting, or the provider's own concurrency when that is
   * smaller (Bolna queues calls over it, and a queued call there is a call out of our control).
   */
  public int platformLimit() {
    return jdbc.sql(
            """
            SELECT LEAST(
              COALESCE((SELECT (value #>> '{}')::int FROM system_config
                        WHERE key = 'system_concurrent_calls_limit'), 10),
              COALESCE((SELECT (value #>> '{}')::int FROM system_config
                        WHERE key = :providerKey), 2147483647))
            """)
        .param("providerKey", PROVIDER_LIMIT_KEY)
        .query(Integer.class)
        .single();
  }
}
