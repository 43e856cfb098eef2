package dev.outdial.activities.dispatch;

import dev.outdial.activities.call.OneOffQueue;
import dev.outdial.activities.campaign.CallQueue;
import dev.outdial.activities.campaign.CallingWindows;
import dev.outdial.activities.campaign.DailyWindow;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
 * window (in the zone recorded on the item), outside quiet hours. An item whose window has closed
 * is moved to its next opening. Allocation only looks ahead: the {@link DialGate} decides, at the
 * moment of dialing, with the same counts and every zone the number may be in.
 *
 * <p>Allocators serialise on a transaction-level advisory lock, so two running at once can neither
 * give one item twice nor both fill the last slot.
 */
public class Allocator {

  private static final Logger log = LoggerFactory.getLogger(Allocator.class);
  private static final long LOCK_KEY = 0x0ed1a1L;

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final CallSlots slots;
  private final CallQueue queue;
  private final OneOffQueue oneOffs;

  public Allocator(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.slots = new CallSlots(jdbc);
    this.queue = new CallQueue(jdbc);
    this.oneOffs = new OneOffQueue(jdbc);
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
    int free = Math.min(max, slots.platformLimit() - slots.active(null));
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
                  AND (EXISTS (SELECT 1 FROM call_queue q JOIN call_campaigns c ON c.id = q.campaign_id
                               WHERE q.user_id = u.id AND q.status = 'queued'
                                 AND q.scheduled_for <= :now AND c.status = 'active')
                       OR EXISTS (SELECT 1 FROM call_requests r
                                  WHERE r.user_id = u.id AND r.status = 'queued'
                                    AND r.scheduled_for <= :now))
                ORDER BY GREATEST((SELECT max(q.last_system_allocation_at) FROM call_queue q
                                   WHERE q.user_id = u.id),
                                  (SELECT max(r.last_system_allocation_at) FROM call_requests r
                                   WHERE r.user_id = u.id)) ASC NULLS FIRST, u.id
                """)
            .param("now", Timestamp.from(now))
            .query(Row.class)
            .list();
    List<Waiting> users = new ArrayList<>();
    for (Row row : rows) {
      users.add(new Waiting(row.id(), row.concurrentCallsLimit(), slots.active(row.id())));
    }
    return users;
  }

  /**
   * The user's next call, marked processing: a one-off call first (someone asked for it just now),
   * then the campaign items; calls whose window closed are moved on.
   */
  private Optional<Allocation> nextItem(UUID userId, Instant now, DailyWindow quietHours) {
    Optional<Allocation> oneOff = nextOneOff(userId, now, quietHours);
    return oneOff.isPresent() ? oneOff : nextCampaignItem(userId, now, quietHours);
  }

  record QueuedRequest(String workflowId, String phoneNumber) {}

  /** One-off calls have no window of their own; only the quiet hours hold them back. */
  private Optional<Allocation> nextOneOff(UUID userId, Instant now, DailyWindow quietHours) {
    for (int tries = 0; tries < 50; tries++) {
      Optional<QueuedRequest> candidate =
          jdbc.sql(
                  """
                  SELECT workflow_id, phone_number FROM call_requests
                  WHERE user_id = :userId AND status = 'queued' AND scheduled_for <= :now
                  ORDER BY scheduled_for, created_at
                  LIMIT 1
                  FOR UPDATE SKIP LOCKED
                  """)
              .param("userId", userId)
              .param("now", Timestamp.from(now))
              .query(QueuedRequest.class)
              .optional();
      if (candidate.isEmpty()) {
        return Optional.empty();
      }
      QueuedRequest request = candidate.get();
      Optional<Instant> opening =
          CallingWindows.nextOpening(
              now,
              CallingWindows.recipientZones(request.phoneNumber(), ZoneOffset.UTC),
              null,
              null,
              null,
              quietHours);
      if (opening.isPresent() && opening.get().equals(now)) {
        oneOffs.allocate(request.workflowId(), now);
        return Optional.of(Allocation.oneOff(request.workflowId(), userId));
      }
      oneOffs.dueAt(
          request.workflowId(),
          opening.orElse(now.plus(Duration.ofDays(1))),
          "waiting for the end of quiet hours in the recipient's time");
    }
    return Optional.empty();
  }

  private Optional<Allocation> nextCampaignItem(UUID userId, Instant now, DailyWindow quietHours) {
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
        queue.allocate(item.id(), now);
        return Optional.of(Allocation.campaignItem(item.id(), userId, item.campaignId()));
      }
      if (opening.isPresent()) {
        queue.dueAt(item.id(), opening.get());
      } else {
        queue.close(
            item.id(), "skipped", "the campaign has no calling window left for this recipient");
      }
    }
    return Optional.empty();
  }
}
