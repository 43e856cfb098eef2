package dev.outdial.activities.dispatch;

import dev.outdial.activities.campaign.DailyWindow;
import dev.outdial.workflows.dispatch.DispatchActivities;
import dev.outdial.workflows.dispatch.DispatchResult;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Dispatch rounds: campaign states, slot allocation, and starting the allocated calls. */
public class DispatchActivitiesImpl implements DispatchActivities {

  private static final Logger log = LoggerFactory.getLogger(DispatchActivitiesImpl.class);
  private static final int MAX_PER_ROUND = 100;

  /** The pause reason of a campaign whose owner ran out of credits. */
  public static final String NO_CREDITS = "the owner has no credits left";

  private final JdbcClient jdbc;
  private final Allocator allocator;
  private final CampaignCallStarter calls;
  private final Supplier<DailyWindow> quietHours;
  private final Clock clock;

  public DispatchActivitiesImpl(
      JdbcClient jdbc,
      Allocator allocator,
      CampaignCallStarter calls,
      Supplier<DailyWindow> quietHours,
      Clock clock) {
    this.jdbc = jdbc;
    this.allocator = allocator;
    this.calls = calls;
    this.quietHours = quietHours;
    this.clock = clock;
  }

  @Override
  public DispatchResult dispatch() {
    Instant now = clock.instant();
    updateCampaignStates(now);
    List<Allocation> allocations = allocator.allocate(now, MAX_PER_ROUND, quietHours.get());
    int started = 0;
    for (Allocation allocation : allocations) {
      started += calls.start(allocation.queueItemId()) ? 1 : 0;
    }
    return new DispatchResult(started, millisUntilNextDue(now));
  }

  /** Scheduled campaigns whose day has come become active; drained active ones complete. */
  private void updateCampaignStates(Instant now) {
    jdbc.sql(
            """
            UPDATE call_campaigns SET status = 'active', started_at = COALESCE(started_at, now()),
              updated_at = now()
            WHERE status = 'scheduled'
              AND start_date <= (CAST(:now AS timestamptz) AT TIME ZONE timezone)::date
            """)
        .param("now", Timestamp.from(now))
        .update();
    // A campaign whose owner has no credits left pauses itself, and resumes when credits arrive.
    int paused =
        jdbc.sql(
                """
                UPDATE call_campaigns cc SET status = 'paused', paused_reason = :reason,
                  updated_at = now()
                WHERE cc.status = 'active'
                  AND (SELECT credits FROM users WHERE id = cc.user_id) < 1
                  AND EXISTS (SELECT 1 FROM call_queue q WHERE q.campaign_id = cc.id
                              AND q.status = 'queued')
                """)
            .param("reason", NO_CREDITS)
            .update();
    int resumed =
        jdbc.sql(
                """
                UPDATE call_campaigns cc SET status = 'active', paused_reason = NULL,
                  updated_at = now()
                WHERE cc.status = 'paused' AND cc.paused_reason = :reason
                  AND (SELECT credits FROM users WHERE id = cc.user_id) >= 1
                """)
            .param("reason", NO_CREDITS)
            .update();
    if (paused + resumed > 0) {
      log.info("{} campaign(s) paused for lack of credits, {} resumed", paused, resumed);
    }
    int completed =
        jdbc.sql(
                """
                UPDATE call_campaigns cc SET status = 'completed', completed_at = now(),
                  updated_at = now()
                WHERE cc.status = 'active'
                  AND NOT EXISTS (SELECT 1 FROM call_queue q WHERE q.campaign_id = cc.id
                                  AND q.status IN ('queued', 'processing'))
                """)
            .update();
    if (completed > 0) {
      log.info("{} campaign(s) completed", completed);
    }
  }

  private long millisUntilNextDue(Instant now) {
    return jdbc.sql(
            """
            SELECT min(q.scheduled_for) FROM call_queue q JOIN call_campaigns c ON c.id = q.campaign_id
            WHERE q.status = 'queued' AND c.status IN ('active', 'scheduled')
            """)
        .query(Timestamp.class)
        .optional()
        .map(next -> Math.max(0, next.toInstant().toEpochMilli() - now.toEpochMilli()))
        .orElse(-1L);
  }
}
