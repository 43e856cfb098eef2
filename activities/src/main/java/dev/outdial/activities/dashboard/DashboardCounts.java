package dev.outdial.activities.dashboard;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything dashboards count about one call, recounted by whoever changes the call, its credits or
 * its lead: its agent's day ({@link AgentAnalytics}) and its user's quarter hour ({@link
 * CallActivity}), always in that order so that two recounts never wait on each other crosswise.
 */
public class DashboardCounts {

  private final AgentAnalytics agentAnalytics;
  private final CallActivity callActivity;

  public DashboardCounts(JdbcClient jdbc) {
    this.agentAnalytics = new AgentAnalytics(jdbc);
    this.callActivity = new CallActivity(jdbc);
  }

  /** Recounts what call {@code callId} counts in, inside the caller's transaction. */
  public void recount(UUID callId) {
    agentAnalytics.recountDayOf(callId);
    callActivity.recountBucketOf(callId);
  }
}
