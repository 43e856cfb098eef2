package dev.outdial.activities.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.campaign.DailyWindow;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import dev.outdial.activities.testing.WindowOracle;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The allocation rule, for random users, limits, calls already in progress, queues, windows, zones
 * and quiet hours, on real Postgres: one allocation gives exactly the slots that an independent
 * model of the rule gives, in its order. The model: users take turns, the one whose last allocation
 * is oldest (never: first) first, one call per turn; a user's one-off calls before their campaign
 * items, items by priority then position; only due calls of active campaigns whose recipients'
 * windows are open and quiet hours closed (by {@link WindowOracle}); no user above their limit, the
 * platform not above its own, at most {@code max} in one go.
 */
class AllocationRulePropertyIT {

  private static final String SEED = "20261202";

  private static final List<String> ITEM_ZONES =
      List.of("America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Kolkata", "UTC");

  /** New York; London; Kolkata; none of its own. */
  private static final List<String> ONE_OFF_NUMBERS =
      List.of("+12125550143", "+442079460000", "+919876543210", "+999123");

  /** Near a New York spring-forward, a London fall-back, and an ordinary Monday. */
  private static final List<Instant> INSTANTS =
      List.of(
          Instant.parse("2026-03-08T07:00:00Z"),
          Instant.parse("2026-10-25T01:00:00Z"),
          Instant.parse("2026-03-02T15:00:00Z"));

  private static JdbcClient jdbc;
  private static Allocator allocator;

  record Call(
      boolean oneOff,
      String number,
      String zone,
      int priority,
      boolean due,
      boolean campaignActive,
      DailyWindow window) {}

  record User(int limit, int active, int credits, List<Call> calls) {}

  record Case(int platformLimit, int max, DailyWindow quietHours, Instant now, List<User> users) {}

  /** A call as the model and the allocator both name it: the user and the queue row's key. */
  record Slot(UUID userId, String call) {}

  /** A campaign item the model may give a slot, with what orders it within its user. */
  record EligibleItem(int priority, int position, Slot slot) {}

  @BeforeContainer
  static void database() {
    DataSource dataSource = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(dataSource);
    allocator = new Allocator(jdbc, new DataSourceTransactionManager(dataSource));
  }

  @Property(tries = 150, seed = SEED)
  void oneAllocationGivesExactlyTheSlotsOfTheRuleInItsOrder(@ForAll("cases") Case c) {
    for (String table :
        List.of("call_queue", "call_requests", "call_campaigns", "contacts", "agents", "users")) {
      jdbc.sql("DELETE FROM " + table).update();
    }
    jdbc.sql(
            "UPDATE system_config SET value = CAST(:v AS jsonb)"
                + " WHERE key = 'system_concurrent_calls_limit'")
        .param("v", Integer.toString(c.platformLimit()))
        .update();

    // The users' turn order: the list's order, by the time of their last allocation, the first
    // one never allocated to when it has nothing in progress.
    TestRows rows = new TestRows(jdbc);
    List<UUID> ids = new ArrayList<>();
    List<Slot> expectedWaiting = new ArrayList<>();
    List<List<Slot>> eligible = new ArrayList<>();
    int position = 0;
    int platformActive = 0;
    for (int u = 0; u < c.users().size(); u++) {
      User user = c.users().get(u);
      UUID id = rows.user(user.credits(), user.limit());
      ids.add(id);
      UUID agent = rows.agent(id);
      Instant lastAllocation =
          u == 0 && user.active() == 0 ? null : c.now().minus(Duration.ofHours(100 - u));
      for (int a = 0; a < user.active(); a++) {
        allocatedBefore(id, agent, ++position, "processing", lastAllocation, c.now());
      }
      platformActive += user.active();
      List<Slot> oneOffs = new ArrayList<>();
      List<EligibleItem> items = new ArrayList<>();
      int order = 0;
      for (Call call : user.calls()) {
        order++;
        Instant scheduled =
            call.due()
                ? c.now().minus(Duration.ofMinutes(60 - order))
                : c.now().plus(Duration.ofMinutes(order));
        if (call.oneOff()) {
          String workflowId = "call-adhoc-" + UUID.randomUUID();
          oneOff(id, agent, workflowId, call.number(), scheduled);
          if (call.due()
              && quietHoursAllow(c, WindowOracle.zonesOf(call.number(), ZoneId.of("UTC")))) {
            oneOffs.add(new Slot(id, workflowId));
          }
        } else {
          UUID campaign =
              campaign(id, agent, call.campaignActive() ? "active" : "paused", call.window());
          int itemPosition = ++position;
          UUID item =
              item(id, agent, campaign, call.priority(), itemPosition, scheduled, call.zone());
          if (call.due()
              && call.campaignActive()
              && new WindowOracle(call.window(), LocalDate.of(2026, 1, 1), null, c.quietHours())
                  .allows(ZoneId.of(call.zone()), c.now())) {
            items.add(
                new EligibleItem(call.priority(), itemPosition, new Slot(id, item.toString())));
          }
        }
      }
      if (lastAllocation != null) {
        // A call of theirs that ended: it says when the user was last given a slot.
        allocatedBefore(id, agent, ++position, "completed", lastAllocation, c.now());
      }
      items.sort(
          Comparator.comparing(EligibleItem::priority)
              .reversed()
              .thenComparing(EligibleItem::position));
      List<Slot> calls = new ArrayList<>(oneOffs);
      items.forEach(i -> calls.add(i.slot()));
      eligible.add(calls);
    }

    List<Slot> expected = model(c, ids, eligible, platformActive);
    List<Slot> actual =
        allocator.allocate(c.now(), c.max(), c.quietHours()).stream()
            .map(
                a ->
                    new Slot(
                        a.userId(),
                        a.queueItemId() != null
                            ? a.queueItemId().toString()
                            : a.oneOffWorkflowId()))
            .toList();
    assertThat(actual).as("%s", c).isEqualTo(expected);
  }

  /** The rule, from scratch. */
  private static List<Slot> model(
      Case c, List<UUID> ids, List<List<Slot>> eligible, int platformActive) {
    List<Slot> slots = new ArrayList<>();
    int free = Math.min(c.max(), c.platformLimit() - platformActive);
    int[] taken = new int[ids.size()];
    boolean progress = true;
    while (free > 0 && progress) {
      progress = false;
      for (int u = 0; u < ids.size() && free > 0; u++) {
        User user = c.users().get(u);
        if (user.credits() < 1
            || user.active() + taken[u] >= user.limit()
            || taken[u] >= eligible.get(u).size()) {
          continue;
        }
        slots.add(eligible.get(u).get(taken[u]));
        taken[u]++;
        free--;
        progress = true;
      }
    }
    return slots;
  }

  private static boolean quietHoursAllow(Case c, List<ZoneId> zones) {
    return new WindowOracle(null, null, null, c.quietHours()).allows(zones, c.now());
  }

  /** A call the user was given a slot for at {@code at}, now in {@code status}. */
  private static void allocatedBefore(
      UUID user, UUID agent, int position, String status, Instant at, Instant now) {
    UUID campaign = campaign(user, agent, "active", new DailyWindow(LocalTime.MIN, LocalTime.NOON));
    UUID item = item(user, agent, campaign, 0, position, now, "UTC");
    jdbc.sql(
            "UPDATE call_queue SET status = :status, last_system_allocation_at = :at"
                + " WHERE id = :id")
        .param("status", status)
        .param("at", Timestamp.from(at))
        .param("id", item)
        .update();
  }

  private static UUID campaign(UUID user, UUID agent, String status, DailyWindow window) {
    return jdbc.sql(
            """
            INSERT INTO call_campaigns (user_id, name, agent_id, next_action, first_call_time,
                                        last_call_time, start_date, status)
            VALUES (:u, 'C', :a, 'Sell', :first, :last, '2026-01-01', :status)
            RETURNING id
            """)
        .param("u", user)
        .param("a", agent)
        .param("first", Time.valueOf(window.start()))
        .param("last", Time.valueOf(window.end()))
        .param("status", status)
        .query(UUID.class)
        .single();
  }

  private static UUID item(
      UUID user,
      UUID agent,
      UUID campaign,
      int priority,
      int position,
      Instant scheduledFor,
      String zone) {
    String phone = "+1415555" + String.format("%04d", position);
    UUID contact = new TestRows(jdbc).contact(user, "C" + position, phone);
    return jdbc.sql(
            """
            INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                                    priority, position, scheduled_for, timezone)
            VALUES (:u, :c, :a, :contact, :p, :priority, :position, :at, :zone)
            RETURNING id
            """)
        .param("u", user)
        .param("c", campaign)
        .param("a", agent)
        .param("contact", contact)
        .param("p", phone)
        .param("priority", priority)
        .param("position", position)
        .param("at", Timestamp.from(scheduledFor))
        .param("zone", zone)
        .query(UUID.class)
        .single();
  }

  private static void oneOff(
      UUID user, UUID agent, String workflowId, String number, Instant scheduledFor) {
    jdbc.sql(
            """
            INSERT INTO call_requests (workflow_id, user_id, agent_id, phone_number, max_attempts,
                                       retry_delay_seconds, scheduled_for)
            VALUES (:w, :u, :a, :p, 1, 60, :at)
            """)
        .param("w", workflowId)
        .param("u", user)
        .param("a", agent)
        .param("p", number)
        .param("at", Timestamp.from(scheduledFor))
        .update();
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<DailyWindow> windows =
        Combinators.combine(hourOfDay(), hourOfDay())
            .filter((a, b) -> !a.equals(b))
            .as(DailyWindow::new);
    Arbitrary<Call> calls =
        Combinators.combine(
                Arbitraries.of(false, false, true),
                Arbitraries.of(ONE_OFF_NUMBERS),
                Arbitraries.of(ITEM_ZONES),
                Arbitraries.integers().between(0, 2),
                Arbitraries.of(true, true, true, false),
                Arbitraries.of(true, true, true, false),
                windows)
            .as(Call::new);
    Arbitrary<User> users =
        Combinators.combine(
                Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 2),
                Arbitraries.of(10, 10, 10, 0),
                calls.list().ofMinSize(0).ofMaxSize(5))
            .as(User::new);
    return Combinators.combine(
            Arbitraries.integers().between(1, 6),
            Arbitraries.integers().between(1, 8),
            windows.injectNull(0.5),
            Arbitraries.of(INSTANTS)
                .flatMap(
                    at ->
                        Arbitraries.integers()
                            .between(-12, 12)
                            .map(hours -> at.plus(Duration.ofMinutes(37L * hours)))),
            users.list().ofMinSize(1).ofMaxSize(4))
        .as(Case::new);
  }

  /** Whole and half hours, so that windows open and close near the instants drawn. */
  private static Arbitrary<LocalTime> hourOfDay() {
    return Arbitraries.integers()
        .between(0, 47)
        .map(half -> LocalTime.of(half / 2, 30 * (half % 2)));
  }
}
