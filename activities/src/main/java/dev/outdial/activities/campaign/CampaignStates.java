package dev.outdial.activities.campaign;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A campaign's state machine, and the one writer of {@code call_campaigns.status}: the owner's
 * changes through the API and the campaign workflow's own (start date, credits, completion) both
 * move through here, by one transition table. Runs in the caller's transaction, which should hold
 * the campaign's row lock.
 */
public class CampaignStates {

  private static final Logger log = LoggerFactory.getLogger(CampaignStates.class);

  /** Every move a campaign may make; completed and cancelled are final. */
  static final Map<String, Set<String>> TRANSITIONS =
      Map.of(
          "draft", Set.of("scheduled", "active", "cancelled"),
          "scheduled", Set.of("active", "paused", "cancelled"),
          "active", Set.of("paused", "completed", "cancelled"),
          "paused", Set.of("scheduled", "active", "completed", "cancelled"),
          "completed", Set.of(),
          "cancelled", Set.of());

  private final JdbcClient jdbc;

  public CampaignStates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public static boolean allowed(String from, String to) {
    return TRANSITIONS.getOrDefault(from, Set.of()).contains(to);
  }

  /**
   * Moves the campaign from {@code from} to {@code to}, stamping {@code started_at} on its first
   * activation and {@code completed_at} when it ends.
   *
   * @param pausedReason why it is paused (kept while paused), or null
   * @param why what moved it, for the log
   * @throws IllegalStateException when the table has no such move, or the campaign was not in
   *     {@code from}
   */
  public void move(UUID id, String from, String to, String pausedReason, String why) {
    if (!allowed(from, to)) {
      throw new IllegalStateException("A " + from + " campaign cannot become " + to);
    }
    int moved =
        jdbc.sql(
                """
                UPDATE call_campaigns SET status = :to, paused_reason = :reason, updated_at = now(),
                  started_at = CASE WHEN :to = 'active' THEN COALESCE(started_at, now())
                                    ELSE started_at END,
                  completed_at = CASE WHEN :to IN ('completed', 'cancelled') THEN now()
                                      ELSE completed_at END
                WHERE id = :id AND status = :from
                """)
            .param("to", to)
            .param("from", from)
            .param("reason", "paused".equals(to) ? pausedReason : null)
            .param("id", id)
            .update();
    if (moved != 1) {
      throw new IllegalStateException("Campaign " + id + " was not " + from);
    }
    log.info("Campaign {}: {} -> {} ({})", id, from, to, why);
  }
}
