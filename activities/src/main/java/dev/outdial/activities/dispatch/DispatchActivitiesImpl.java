package dev.outdial.activities.dispatch;

import dev.outdial.activities.campaign.DailyWindow;
import dev.outdial.activities.metrics.PlatformMetrics;
import dev.outdial.workflows.dispatch.DispatchActivities;
import dev.outdial.workflows.dispatch.DispatchResult;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Dispatch rounds: slot allocation, and starting the allocated calls. */
public class DispatchActivitiesImpl implements DispatchActivities {

  private static final int MAX_PER_ROUND = 100;

  private final JdbcClient jdbc;
  private final Allocator allocator;
  private final CallStarter calls;
  private final Supplier<DailyWindow> quietHours;
  private final Clock clock;

  public DispatchActivitiesImpl(
      JdbcClient jdbc,
      Allocator allocator,
      CallStarter calls,
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
    List<Allocation> allocations = allocator.allocate(now, MAX_PER_ROUND, quietHours.get());
    int started = 0;
    for (Allocation allocation : allocations) {
      boolean fresh =
          allocation.queueItemId() != null
              ? calls.startCampaignItem(allocation.queueItemId())
              : calls.startOneOff(allocation.oneOffWorkflowId());
      started += fresh ? 1 : 0;
    }
    long campaignSlots = allocations.stream().filter(a -> a.queueItemId() != null).count();
    PlatformMetrics.allocated("campaign", (int) campaignSlots);
    PlatformMetrics.allocated("one_off", allocations.size() - (int) campaignSlots);
    return new DispatchResult(started, millisUntilNextDue(now));
  }

  /**
   * Items due already but left waiting need a slot, and a slot frees when a call ends, which wakes
   * the dispatcher: only items due later set a time to look again.
   */
  private long millisUntilNextDue(Instant now) {
    return jdbc.sql(
            """
            SELECT LEAST(
              (SELECT min(q.scheduled_for) FROM call_queue q
               JOIN call_campaigns c ON c.id = q.campaign_id
               WHERE q.status = 'queued' AND q.scheduled_for > :now
                 AND c.status IN ('active', 'scheduled')),
              (SELECT min(scheduled_for) FROM call_requests
               WHERE status = 'queued' AND scheduled_for > :now))
            """)
        .param("now", Timestamp.from(now))
        .query(Timestamp.class)
        .optional()
        .map(next -> Math.max(0, next.toInstant().toEpochMilli() - now.toEpochMilli()))
        .orElse(-1L);
  }
}
