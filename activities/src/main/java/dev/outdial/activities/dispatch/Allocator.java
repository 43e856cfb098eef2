package dev.outdial.activities.dispatch;

import dev.outdial.activities.campaign.CallingWindows;
import dev.outdial.activities.campaign.DailyWindow;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives queued items call slots, in one Postgres transaction, so the limits hold whatever the
 * workflows do: per user no more calls in progress than {@code users.concurrent_calls_limit}, on
 * the platform no more than the system-wide limit. Users take turns (the one whose last allocation
 * is oldest goes first, one item per turn); within a user, {@code priority DESC, position ASC};
 * never before {@code scheduled_for}; only for active campaigns and inside the recipient's calling
 * window, outside quiet hours. An item whose window has closed is moved to its next opening.
 *
 * <p>Allocators serialise on a transaction-level advisory lock, so two running at once can neither
 * give one item twice nor both fill the last slot.
 */
public class Allocator {

  private static final Logger log = LoggerFactory.getLogger(Allocator.class);
  private static final long LOCK_KEY = 0x0ed1a1L;

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  public Allocator(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** A user waiting for slots. */
  private static final class Waiting {
    final UUID userId;
    final int limit;
    int active;
    boolean exhausted;

    Waiting(UUID userId, int limit, int active) {
      this.userId = userId;
      this.limit = limit;
      this.active = active;
    }
  }

  record Candidate(
      UUID id,
      UUID campaignId,
      String timezone,
      LocalTime firstCallTime,
      LocalTime lastCallTime,
      LocalDate startDate,
      LocalDate endDate) {}

  /**
   * Allocates as many due items as the limits allow, at most {@code max}.
   *
   * @param quietHours platform quiet hours in recipient-local time, or null when switched off
   */
  public List<Allocation> allocate(Instant now, int max, DailyWindow quietHours) {
    return transaction.execute(status -> allocateLocked(now, max, quietHours));
  }

  private List<Allocation> allocateLocked(Instant now, int max, DailyWindow quietHours) {
    jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query().listOfRows();
    int free = Math.min(max, platformLimit() - activeCalls(null));
    List<Allocation> allocations = new ArrayList<>();
    if (free <= 0) {
      return allocations;
    }
    List<Waiting> users = waitingUsers(now);
    boolean progress = true;
    while (free > 0 && progress) {
      progress = false;
      for (Waiting user : users) {
        if (free == 0) {
          break;
        }
        if (user.exhausted || user.active >= user.limit) {
          continue;
        }
        Optional<Allocation> allocation = nextItem(user.userId, now, quietHours);
        if (allocation.isEmpty()) {
          user.exhausted = true;
          continue;
        }
        allocations.add(allocation.get());
        user.active++;
        free--;
        progress = true;
      }
    }
    if (!allocations.isEmpty()) {
      log.info("Allocated {} call slot(s)", allocations.size());
    }
    return allocations;
  }

  /** Calls in progress: campaign items being called, and one-off or inbound calls. */
  private int activeCalls(UUID userId) {
    return jdbc.sql(
            """
            SELECT (SELECT count(*) FROM call_queue
                    WHERE status = 'processing' AND (CAST(:userId AS uuid) IS NULL OR user_id = :userId))
                 + (SELECT count(*) FROM calls c
                    WHERE c.status = 'in_progress'
                      AND (CAST(:userId AS uuid) IS NULL OR c.user_id = :userId)
                      AND NOT EXISTS (SELECT 1 FROM call_queue q
                                      WHERE q.call_id = c.id AND q.status = 'processing'))
            """)
        .param("userId", userId)
        .query(Integer.class)
        .single();
  }

  private int platformLimit() {
    return jdbc.sql(
            "SELECT (value #>> '{}')::int FROM system_config WHERE key = 'system_concurrent_calls_limit'")
        .query(Integer.class)
        .optional()
        .orElse(10);
  }

  /**
   * Users with due items in active campaigns, longest since their last allocation first. An owner
   * with no credits waits: the campaign pauses itself until credits arrive.
   */
  private List<Waiting> waitingUsers(Instant now) {
    record Row(UUID id, int concurrentCallsLimit) {}
    List<Row> rows =
        jdbc.sql(
                """
                SELECT u.id, u.concurrent_calls_limit
                FROM users u
                WHERE u.is_active AND u.credits >= 1
                  AND EXISTS (SELECT 1 FROM call_queue q JOIN call_campaigns c ON c.id = q.campaign_id
                              WHERE q.user_id = u.id AND q.status = 'queued'
                                AND q.scheduled_for <= :now AND c.status = 'active')
                ORDER BY (SELECT max(q.last_system_allocation_at) FROM call_queue q
                          WHERE q.user_id = u.id) ASC NULLS FIRST, u.id
                """)
            .param("now", Timestamp.from(now))
            .query(Row.class)
            .list();
    List<Waiting> users = new ArrayList<>();
    for (Row row : rows) {
      users.add(new Waiting(row.id(), row.concurrentCallsLimit(), activeCalls(row.id())));
    }
    return users;
  }

  /** The user's next callable item, marked processing; items whose window closed are moved on. */
  private Optional<Allocation> nextItem(UUID userId, Instant now, DailyWindow quietHours) {
    for (int tries = 0; tries < 50; tries++) {
      Optional<Candidate> candidate =
          jdbc.sql(
                  """
                  SELECT q.id, q.campaign_id, q.timezone, c.first_call_time, c.last_call_time,
                         c.start_date, c.end_date
                  FROM call_queue q JOIN call_campaigns c ON c.id = q.campaign_id
                  WHERE q.user_id = :userId AND q.status = 'queued' AND q.scheduled_for <= :now
                    AND c.status = 'active'
                  ORDER BY q.priority DESC, q.position ASC
                  LIMIT 1
                  FOR UPDATE OF q SKIP LOCKED
                  """)
              .param("userId", userId)
              .param("now", Timestamp.from(now))
              .query(Candidate.class)
              .optional();
      if (candidate.isEmpty()) {
        return Optional.empty();
      }
      Candidate item = candidate.get();
      Optional<Instant> opening =
          CallingWindows.nextOpening(
              now,
              ZoneId.of(item.timezone()),
              new DailyWindow(item.firstCallTime(), item.lastCallTime()),
              item.startDate(),
              item.endDate(),
              quietHours);
      if (opening.isPresent() && opening.get().equals(now)) {
        jdbc.sql(
                """
                UPDATE call_queue SET status = 'processing', started_at = :now,
                  last_system_allocation_at = :now, attempts = attempts + 1, updated_at = now()
                WHERE id = :id
                """)
            .param("now", Timestamp.from(now))
            .param("id", item.id())
            .update();
        return Optional.of(new Allocation(item.id(), userId, item.campaignId()));
      }
      if (opening.isPresent()) {
        jdbc.sql("UPDATE call_queue SET scheduled_for = :at, updated_at = now() WHERE id = :id")
            .param("at", Timestamp.from(opening.get()))
            .param("id", item.id())
            .update();
      } else {
        jdbc.sql(
                """
                UPDATE call_queue SET status = 'skipped', completed_at = now(), updated_at = now(),
                  failure_reason = 'the campaign has no calling window left for this recipient'
                WHERE id = :id
                """)
            .param("id", item.id())
            .update();
      }
    }
    return Optional.empty();
  }
}
