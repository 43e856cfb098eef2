package dev.outdial.activities.dashboard;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything dashboards count about a call: its agent's day ({@link AgentAnalytics}) and its user's
 * quarter hour ({@link CallActivity}), recounted after whoever changes the call, its credits or its
 * lead.
 *
 * <p>The change queues the call in {@code dashboard_recounts}, in its own transaction, and the
 * recounter takes the queue in batches: a day or quarter hour is recounted once however many of its
 * calls changed since the last batch. Recounting in each change instead cost a heavy user's
 * campaign a count over the whole day of its agent for every call (three times: finished, billed,
 * scored), growing with every call of that day. Dashboards trail the calls by a batch, a second or
 * so.
 */
public class DashboardCounts {

  private final JdbcClient jdbc;
  private final AgentAnalytics agentAnalytics;
  private final CallActivity callActivity;

  public DashboardCounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.agentAnalytics = new AgentAnalytics(jdbc);
    this.callActivity = new CallActivity(jdbc);
  }

  /** Queues call {@code callId} to be recounted, inside the caller's transaction. */
  public void recountLater(UUID callId) {
    jdbc.sql("INSERT INTO dashboard_recounts (call_id) VALUES (:callId)")
        .param("callId", callId)
        .update();
  }

  /**
   * Takes up to {@code max} queued calls (none another recounter holds) and recounts, inside the
   * caller's transaction, each day and quarter hour they count in, once: days before quarter hours,
   * each in key order, so two recounters never wait on each other crosswise. If the transaction
   * rolls back, the calls stay queued.
   *
   * @return how many queued entries were taken; fewer than {@code max} when the queue is empty
   */
  public int recountQueued(int max) {
    List<UUID> queued =
        jdbc.sql(
                """
                DELETE FROM dashboard_recounts
                WHERE id IN (SELECT id FROM dashboard_recounts ORDER BY id LIMIT :max
                             FOR UPDATE SKIP LOCKED)
                RETURNING call_id
                """)
            .param("max", max)
            .query(UUID.class)
            .list();
    if (queued.isEmpty()) {
      return 0;
    }
    Set<UUID> calls = new LinkedHashSet<>(queued);
    agentAnalytics.daysOf(calls).forEach(agentAnalytics::recountDay);
    callActivity.bucketsOf(calls).forEach(callActivity::recountBucket);
    return queued.size();
  }
}
