package dev.outdial.activities.dispatch;

import java.util.OptionalInt;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many calls hold a slot, and how many may: the one count that both the allocator (which looks
 * ahead) and the gate (which decides at the moment of dialing) use, so they never disagree.
 */
public class CallSlots {

  /** The system_config key where the provider's own concurrency limit is kept when known. */
  public static final String PROVIDER_LIMIT_KEY = "provider_concurrent_calls_limit";

  /**
   * One row per call holding a slot, with its user: campaign items and one-off calls given a slot,
   * and inbound calls in progress (a call of a slotted item or request is counted once, there).
   */
  private static final String SLOT_HOLDERS =
      """
      SELECT user_id FROM call_queue WHERE status = 'processing'
      UNION ALL
      SELECT user_id FROM call_requests WHERE status = 'processing'
      UNION ALL
      SELECT c.user_id FROM calls c
      WHERE c.status = 'in_progress'
        AND NOT EXISTS (SELECT 1 FROM call_queue q
                        WHERE q.call_id = c.id AND q.status = 'processing')
        AND NOT EXISTS (SELECT 1 FROM call_requests r
                        WHERE r.call_id = c.id AND r.status = 'processing')
      """;

  /** {@link #active}: read on every dial, so it touches the slots held, never the whole queue. */
  static final String ACTIVE =
      "SELECT count(*) FROM ("
          + SLOT_HOLDERS
          + ") slots WHERE CAST(:userId AS uuid) IS NULL OR user_id = :userId";

  /**
   * {@link #dialed}: read on every dial, so it touches the calls under way, never every attempt.
   */
  static final String DIALED =
      """
      SELECT (SELECT count(*) FROM calls
              WHERE status = 'in_progress' AND (CAST(:userId AS uuid) IS NULL OR user_id = :userId))
           + (SELECT count(*) FROM call_attempts
              WHERE status = 'placing' AND (CAST(:userId AS uuid) IS NULL OR user_id = :userId))
      """;

  private final JdbcClient jdbc;

  public CallSlots(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Calls holding a slot, of one user or (null) of the platform: campaign items and one-off calls
   * given a slot, and inbound calls in progress.
   */
  public int active(UUID userId) {
    return jdbc.sql(ACTIVE).param("userId", userId).query(Integer.class).single();
  }

  /**
   * Calls past the gate, of one user or (null) of the platform: in progress at Bolna, or being
   * placed (the intent is recorded, Bolna's answer not yet). The gate counts these, not items
   * merely allocated, so an allocated item never blocks another that reached the gate first.
   */
  public int dialed(UUID userId) {
    return jdbc.sql(DIALED).param("userId", userId).query(Integer.class).single();
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
   * Active users whose calls holding a slot fill their own limit: their next calls wait for one of
   * their own to finish, whatever the platform has free.
   */
  public int usersAtLimit() {
    return jdbc.sql(
            """
            SELECT count(*) FROM users u
            JOIN (SELECT user_id, count(*) AS held FROM (%s) slots GROUP BY user_id) h
              ON h.user_id = u.id
            WHERE u.is_active AND h.held >= u.concurrent_calls_limit
            """
                .formatted(SLOT_HOLDERS))
        .query(Integer.class)
        .single();
  }

  /**
   * The two concurrency limits the platform's is made of: the system-wide setting as a super_admin
   * set it (10 when never set), and the provider's own when it is known.
   */
  public record Limits(int system, OptionalInt provider) {

    /**
     * The platform's limit: the system-wide setting, or the provider's own concurrency when that is
     * smaller (Bolna queues calls over it, and a queued call there is a call out of our control).
     */
    public int platform() {
      return provider.isPresent() ? Math.min(system, provider.getAsInt()) : system;
    }
  }

  /** Both limits, read in one statement. */
  public Limits limits() {
    return jdbc.sql(
            """
            SELECT COALESCE((SELECT (value #>> '{}')::int FROM system_config
                             WHERE key = 'system_concurrent_calls_limit'), 10) AS system,
                   (SELECT (value #>> '{}')::int FROM system_config
                    WHERE key = :providerKey) AS provider
            """)
        .param("providerKey", PROVIDER_LIMIT_KEY)
        .query(
            (rs, i) -> {
              int provider = rs.getInt("provider");
              OptionalInt known = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(provider);
              return new Limits(rs.getInt("system"), known);
            })
        .single();
  }

  /** The platform's limit ({@link Limits#platform()}). */
  public int platformLimit() {
    return limits().platform();
  }
}
