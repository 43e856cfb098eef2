package dev.outdial.activities.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.billing.CreditsPerMinute;
import dev.outdial.activities.bolna.BolnaClient;
import dev.outdial.activities.bolna.BolnaProperties;
import dev.outdial.activities.bolna.PlaceCallRequest;
import dev.outdial.activities.bolna.PlaceCallResult;
import dev.outdial.activities.call.CallActivitiesImpl;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import dev.outdial.workflows.call.PlaceCall;
import dev.outdial.workflows.call.Placement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * For random users, limits and mixes of one-off and campaign calls, and random orders of
 * allocating, dialing and ending calls, on real Postgres: no limit is ever exceeded, by the
 * allocator (slots given) or at the gate (calls dialed), and no attempt is dialed twice.
 */
class CallLimitsPropertyIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-02T17:00:00Z");

  /** A Bolna that takes every call and counts the dials per attempt. */
  static final class CountingBolna extends BolnaClient {
    final Map<String, Integer> dialsByAttempt = new HashMap<>();
    private final AtomicInteger executions = new AtomicInteger();

    CountingBolna() {
      super(
          new BolnaProperties(
              "http://127.0.0.1:9",
              "k",
              Duration.ofSeconds(1),
              Duration.ofSeconds(1),
              1,
              Duration.ofMillis(1)),
          JSON);
    }

    @Override
    public synchronized PlaceCallResult placeCall(PlaceCallRequest request) {
      dialsByAttempt.merge(
          String.valueOf(request.userData().get("outdial_attempt_key")), 1, Integer::sum);
      return new PlaceCallResult("exec-" + executions.incrementAndGet(), "queued", "ok");
    }
  }

  record Dialable(String attemptKey, String workflowId, PlaceCall call) {}

  @Property(tries = 60)
  void randomMixesOfOneOffAndCampaignCallsNeverExceedAnyLimit(
      @ForAll @IntRange(min = 1, max = 4) int platformLimit,
      @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 1, max = 3) Integer> userLimits,
      @ForAll @Size(min = 20, max = 60) List<@IntRange(min = 0, max = 999) Integer> steps) {
    DataSource dataSource = TestDatabase.freshDatabase();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    var transactions = new DataSourceTransactionManager(dataSource);
    TestRows rows = new TestRows(jdbc);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    CountingBolna bolna = new CountingBolna();
    Allocator allocator = new Allocator(jdbc, transactions);
    CallActivitiesImpl calls =
        new CallActivitiesImpl(
            jdbc,
            transactions,
            () -> bolna,
            JSON,
            clock,
            new DialGate(jdbc, () -> null, 450, new CreditsPerMinute(1), clock));
    CallSlots slots = new CallSlots(jdbc);
    jdbc.sql(
            "UPDATE system_config SET value = CAST(:v AS jsonb)"
                + " WHERE key = 'system_concurrent_calls_limit'")
        .param("v", Integer.toString(platformLimit))
        .update();

    List<UUID> users = new ArrayList<>();
    Map<UUID, UUID> agents = new HashMap<>();
    Map<UUID, UUID> campaigns = new HashMap<>();
    for (int limit : userLimits) {
      UUID user = rows.user(1000, limit);
      UUID agent = rows.agent(user);
      users.add(user);
      agents.put(user, agent);
      campaigns.put(
          user, rows.activeCampaign(user, agent, LocalTime.MIN, LocalTime.of(23, 59), "UTC"));
    }
    AtomicInteger numbers = new AtomicInteger();
    for (UUID user : users) {
      for (int i = 0; i < 3; i++) {
        item(jdbc, rows, user, agents.get(user), campaigns.get(user), numbers.incrementAndGet());
        oneOff(jdbc, user, agents.get(user), numbers.incrementAndGet());
      }
    }

    List<Integer> limits = new ArrayList<>(userLimits);
    List<Dialable> allocated = new ArrayList<>();
    List<String> dialed = new ArrayList<>();
    for (int step : steps) {
      switch (step % 5) {
        case 0 -> {
          List<Integer> before = users.stream().map(slots::active).toList();
          for (Allocation allocation : allocator.allocate(NOW, 100, null)) {
            allocated.add(dialable(jdbc, allocation));
          }
          // The allocator never gives a user a slot above their limit, nor the platform.
          for (int i = 0; i < users.size(); i++) {
            assertThat(slots.active(users.get(i)))
                .as("slots of user %d", i)
                .isLessThanOrEqualTo(Math.max(limits.get(i), before.get(i)));
          }
        }
        case 1 -> {
          if (!allocated.isEmpty()) {
            Dialable next = allocated.remove(step % allocated.size());
            Placement placement = calls.placeCall(next.call());
            if (!placement.refused()) {
              dialed.add(placement.executionId());
              // A dial the gate lets through never takes a user or the platform over its limit,
              // even one lowered since the call was given its slot.
              int user = users.indexOf(next.call().userId());
              assertThat(slots.dialed(users.get(user)))
                  .as("calls of user %d", user)
                  .isLessThanOrEqualTo(limits.get(user));
              assertThat(slots.dialed(null)).as("calls").isLessThanOrEqualTo(platformLimit);
            }
          }
        }
        case 2 -> {
          if (!dialed.isEmpty()) {
            end(jdbc, dialed.remove(step % dialed.size()));
          }
        }
        case 3 -> {
          UUID user = users.get(step % users.size());
          oneOff(jdbc, user, agents.get(user), numbers.incrementAndGet());
        }
        default -> {
          int user = step % users.size();
          int limit = 1 + (step / 5) % 3;
          limits.set(user, limit);
          jdbc.sql("UPDATE users SET concurrent_calls_limit = :l WHERE id = :id")
              .param("l", limit)
              .param("id", users.get(user))
              .update();
        }
      }
      assertThat(slots.active(null)).as("slots given").isLessThanOrEqualTo(platformLimit);
    }
    assertThat(bolna.dialsByAttempt.values()).allMatch(count -> count == 1);
  }

  private static String number(int n) {
    return "+1415555" + String.format("%04d", n);
  }

  private static void item(
      JdbcClient jdbc, TestRows rows, UUID user, UUID agent, UUID campaign, int n) {
    UUID contact = rows.contact(user, "C" + n, number(n));
    jdbc.sql(
            """
            INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                                    position, scheduled_for, timezone)
            VALUES (:u, :c, :a, :contact, :p, :n, :at, 'UTC')
            """)
        .param("u", user)
        .param("c", campaign)
        .param("a", agent)
        .param("contact", contact)
        .param("p", number(n))
        .param("n", n)
        .param("at", Timestamp.from(NOW.minusSeconds(60)))
        .update();
  }

  private static void oneOff(JdbcClient jdbc, UUID user, UUID agent, int n) {
    jdbc.sql(
            """
            INSERT INTO call_requests (workflow_id, user_id, agent_id, phone_number, max_attempts,
                                       retry_delay_seconds, scheduled_for)
            VALUES (:w, :u, :a, :p, 1, 60, :at)
            """)
        .param("w", "call-adhoc-" + UUID.randomUUID())
        .param("u", user)
        .param("a", agent)
        .param("p", number(n))
        .param("at", Timestamp.from(NOW.minusSeconds(30)))
        .update();
  }

  /** What the call workflow would ask the gate to place for the allocation. */
  private static Dialable dialable(JdbcClient jdbc, Allocation allocation) {
    record Row(String workflowId, UUID userId, UUID agentId, UUID contactId, String phoneNumber) {}
    Row row =
        allocation.queueItemId() != null
            ? jdbc.sql(
                    """
                    SELECT 'call-' || id AS workflow_id, user_id, agent_id, contact_id, phone_number
                    FROM call_queue WHERE id = :id
                    """)
                .param("id", allocation.queueItemId())
                .query(Row.class)
                .single()
            : jdbc.sql(
                    """
                    SELECT workflow_id, user_id, agent_id, contact_id, phone_number
                    FROM call_requests WHERE workflow_id = :id
                    """)
                .param("id", allocation.oneOffWorkflowId())
                .query(Row.class)
                .single();
    String attemptKey = row.workflowId() + ":1";
    return new Dialable(
        attemptKey,
        row.workflowId(),
        new PlaceCall(
            attemptKey,
            row.workflowId(),
            row.userId(),
            row.agentId(),
            "bolna-a",
            row.contactId(),
            allocation.queueItemId(),
            allocation.campaignId(),
            row.phoneNumber(),
            Map.of()));
  }

  /** The call ends: its row and whatever queued it are closed, as finalizing does. */
  private static void end(JdbcClient jdbc, String executionId) {
    UUID callId =
        jdbc.sql("UPDATE calls SET status = 'completed' WHERE bolna_execution_id = :e RETURNING id")
            .param("e", executionId)
            .query(UUID.class)
            .single();
    jdbc.sql("UPDATE call_queue SET status = 'completed' WHERE call_id = :c")
        .param("c", callId)
        .update();
    jdbc.sql("UPDATE call_requests SET status = 'completed' WHERE call_id = :c")
        .param("c", callId)
        .update();
  }
}
