package dev.outdial.activities.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.campaign.DailyWindow;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Allocation as SQL on real Postgres: limits, turns, priorities, windows, parallel allocators. */
class AllocatorIT {

  private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

  private JdbcClient jdbc;
  private Allocator allocator;
  private TestRows rows;

  @BeforeEach
  void freshDatabase() {
    DataSource dataSource = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(dataSource);
    allocator = new Allocator(jdbc, new DataSourceTransactionManager(dataSource));
    rows = new TestRows(jdbc);
  }

  private void platformLimit(int limit) {
    jdbc.sql(
            "UPDATE system_config SET value = CAST(:v AS jsonb) WHERE key = 'system_concurrent_calls_limit'")
        .param("v", Integer.toString(limit))
        .update();
  }

  private UUID user(int limit) {
    return rows.user(15, limit);
  }

  private UUID campaign(UUID user, String status, String window, LocalDate end) {
    DailyWindow daily = DailyWindow.parse(window);
    UUID agent = rows.agent(user);
    return jdbc.sql(
            """
            INSERT INTO call_campaigns (user_id, name, agent_id, next_action, first_call_time,
                                        last_call_time, start_date, end_date, status)
            VALUES (:u, 'C', :a, 'Sell', :first, :last, '2026-03-01', :end, :status)
            RETURNING id
            """)
        .param("u", user)
        .param("a", agent)
        .param("first", java.sql.Time.valueOf(daily.start()))
        .param("last", java.sql.Time.valueOf(daily.end()))
        .param("end", end == null ? null : java.sql.Date.valueOf(end))
        .param("status", status)
        .query(UUID.class)
        .single();
  }

  private UUID item(UUID campaign, int priority, int position, Instant scheduledFor, String zone) {
    var row =
        jdbc.sql("SELECT user_id, agent_id FROM call_campaigns WHERE id = :id")
            .param("id", campaign)
            .query()
            .singleRow();
    UUID user = (UUID) row.get("user_id");
    String phone = "+1415555" + String.format("%04d", (int) (Math.random() * 10000));
    UUID contact = rows.contact(user, "C", phone + UUID.randomUUID().toString().substring(0, 4));
    return jdbc.sql(
            """
            INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                                    priority, position, scheduled_for, timezone)
            VALUES (:u, :c, :a, :contact, :p, :priority, :position, :at, :zone)
            RETURNING id
            """)
        .param("u", user)
        .param("c", campaign)
        .param("a", row.get("agent_id"))
        .param("contact", contact)
        .param("p", phone)
        .param("priority", priority)
        .param("position", position)
        .param("at", Timestamp.from(scheduledFor))
        .param("zone", zone)
        .query(UUID.class)
        .single();
  }

  private UUID dueItem(UUID campaign, int position) {
    return item(campaign, 0, position, NOW.minusSeconds(60), "UTC");
  }

  private String status(UUID item) {
    return jdbc.sql("SELECT status FROM call_queue WHERE id = :id")
        .param("id", item)
        .query(String.class)
        .single();
  }

  @Test
  void aUserNeverGetsMoreSlotsThanTheirLimit() {
    UUID user = user(2);
    UUID campaign = campaign(user, "active", "00:00-23:59", null);
    for (int i = 0; i < 5; i++) {
      dueItem(campaign, i);
    }

    assertThat(allocator.allocate(NOW, 100, null)).hasSize(2);
    assertThat(allocator.allocate(NOW, 100, null)).isEmpty();
  }

  @Test
  void thePlatformLimitIsSharedByTurnsAmongWaitingUsers() {
    platformLimit(3);
    List<UUID> users = List.of(user(5), user(5), user(5));
    for (UUID user : users) {
      UUID campaign = campaign(user, "active", "00:00-23:59", null);
      for (int i = 0; i < 4; i++) {
        dueItem(campaign, i);
      }
    }

    List<Allocation> allocations = allocator.allocate(NOW, 100, null);

    assertThat(allocations).hasSize(3);
    assertThat(allocations)
        .extracting(Allocation::userId)
        .containsExactlyInAnyOrderElementsOf(users);
  }

  @Test
  void theUserWaitingLongestSinceTheirLastAllocationGoesFirst() {
    platformLimit(1);
    UUID recent = user(5);
    UUID waiting = user(5);
    UUID recentCampaign = campaign(recent, "active", "00:00-23:59", null);
    UUID waitingCampaign = campaign(waiting, "active", "00:00-23:59", null);
    UUID done = dueItem(recentCampaign, 0);
    jdbc.sql(
            "UPDATE call_queue SET status = 'completed', last_system_allocation_at = :t WHERE id = :id")
        .param("t", Timestamp.from(NOW.minusSeconds(10)))
        .param("id", done)
        .update();
    dueItem(recentCampaign, 1);
    dueItem(waitingCampaign, 0);

    assertThat(allocator.allocate(NOW, 100, null))
        .extracting(Allocation::userId)
        .containsExactly(waiting);
  }

  @Test
  void ofTwoUsersServedBeforeTheOneServedLongerAgoGoesFirst() {
    platformLimit(1);
    UUID longAgo = user(5);
    UUID lately = user(5);
    UUID longAgoCampaign = campaign(longAgo, "active", "00:00-23:59", null);
    UUID latelyCampaign = campaign(lately, "active", "00:00-23:59", null);
    for (var served : java.util.Map.of(longAgoCampaign, 3600, latelyCampaign, 10).entrySet()) {
      UUID done = dueItem(served.getKey(), 0);
      jdbc.sql(
              "UPDATE call_queue SET status = 'completed', last_system_allocation_at = :t"
                  + " WHERE id = :id")
          .param("t", Timestamp.from(NOW.minusSeconds(served.getValue())))
          .param("id", done)
          .update();
    }
    dueItem(latelyCampaign, 1);
    dueItem(longAgoCampaign, 1);

    assertThat(allocator.allocate(NOW, 100, null))
        .extracting(Allocation::userId)
        .containsExactly(longAgo);
    platformLimit(2);
    assertThat(allocator.allocate(NOW, 100, null))
        .as("then the other's turn")
        .extracting(Allocation::userId)
        .containsExactly(lately);
  }

  @Test
  void withinAUserHigherPriorityThenEarlierPositionGoesFirst() {
    UUID user = user(1);
    UUID campaign = campaign(user, "active", "00:00-23:59", null);
    dueItem(campaign, 0);
    UUID urgentLater = item(campaign, 5, 9, NOW.minusSeconds(1), "UTC");
    item(campaign, 5, 10, NOW.minusSeconds(1), "UTC");

    assertThat(allocator.allocate(NOW, 100, null))
        .extracting(Allocation::queueItemId)
        .containsExactly(urgentLater);
  }

  @Test
  void itemsNotDueOrOfCampaignsNotActiveWait() {
    UUID user = user(5);
    UUID paused = campaign(user, "paused", "00:00-23:59", null);
    UUID active = campaign(user, "active", "00:00-23:59", null);
    dueItem(paused, 0);
    item(active, 0, 0, NOW.plusSeconds(60), "UTC");

    assertThat(allocator.allocate(NOW, 100, null)).isEmpty();
  }

  @Test
  void anItemWhoseRecipientWindowIsClosedMovesToItsNextOpening() {
    UUID user = user(5);
    // 15:00 UTC is 07:00 in Los Angeles: before the 09:00 opening there.
    UUID campaign = campaign(user, "active", "09:00-17:00", null);
    UUID item = item(campaign, 0, 0, NOW.minusSeconds(60), "America/Los_Angeles");

    assertThat(allocator.allocate(NOW, 100, null)).isEmpty();
    assertThat(status(item)).isEqualTo("queued");
    assertThat(
            jdbc.sql("SELECT scheduled_for FROM call_queue WHERE id = :id")
                .param("id", item)
                .query(Timestamp.class)
                .single()
                .toInstant())
        .isEqualTo(Instant.parse("2026-03-02T17:00:00Z"));
  }

  @Test
  void quietHoursHoldWhateverTheCampaignWindowSays() {
    UUID user = user(5);
    UUID campaign = campaign(user, "active", "00:00-23:59", null);
    // 15:00 UTC is 23:00 in Singapore: inside 21:00-08:00 quiet hours.
    UUID item = item(campaign, 0, 0, NOW.minusSeconds(60), "Asia/Singapore");

    assertThat(allocator.allocate(NOW, 100, DailyWindow.parse("21:00-08:00"))).isEmpty();
    assertThat(
            jdbc.sql("SELECT scheduled_for FROM call_queue WHERE id = :id")
                .param("id", item)
                .query(Timestamp.class)
                .single()
                .toInstant())
        .isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
  }

  @Test
  void anItemPastTheCampaignsEndIsSkippedWithAReason() {
    UUID user = user(5);
    UUID campaign = campaign(user, "active", "09:00-17:00", LocalDate.of(2026, 3, 2));
    UUID item = dueItem(campaign, 0);

    assertThat(allocator.allocate(NOW, 100, null)).isEmpty();
    assertThat(status(item)).isEqualTo("skipped");
  }

  @Test
  void callsAlreadyInProgressCountAgainstTheLimits() {
    UUID user = user(2);
    UUID campaign = campaign(user, "active", "00:00-23:59", null);
    UUID agent =
        jdbc.sql("SELECT agent_id FROM call_campaigns WHERE id = :id")
            .param("id", campaign)
            .query(UUID.class)
            .single();
    jdbc.sql(
            "INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number) VALUES (:a, :u, 'x-1', '+1')")
        .param("a", agent)
        .param("u", user)
        .update();
    dueItem(campaign, 0);
    dueItem(campaign, 1);

    assertThat(allocator.allocate(NOW, 100, null)).hasSize(1);
  }

  @Test
  void parallelAllocatorsNeverGiveAnItemTwiceNorExceedTheLimits() throws Exception {
    platformLimit(7);
    List<UUID> users = List.of(user(3), user(3), user(3), user(3));
    for (UUID user : users) {
      UUID campaign = campaign(user, "active", "00:00-23:59", null);
      for (int i = 0; i < 10; i++) {
        dueItem(campaign, i);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Callable<List<Allocation>>> allocators = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      allocators.add(() -> allocator.allocate(NOW, 2, null));
    }
    List<Allocation> all = new ArrayList<>();
    for (Future<List<Allocation>> result : pool.invokeAll(allocators)) {
      all.addAll(result.get());
    }
    pool.shutdown();

    Set<UUID> items = new HashSet<>();
    all.forEach(allocation -> assertThat(items.add(allocation.queueItemId())).isTrue());
    assertThat(all).hasSize(7);
    for (UUID user : users) {
      assertThat(all.stream().filter(a -> a.userId().equals(user)).count()).isLessThanOrEqualTo(3);
    }
    assertThat(
            jdbc.sql("SELECT count(*) FROM call_queue WHERE status = 'processing'")
                .query(Integer.class)
                .single())
        .isEqualTo(7);
  }

  private String oneOff(UUID user, String phone, Instant scheduledFor) {
    UUID agent = rows.agent(user);
    String workflowId = "call-adhoc-" + UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO call_requests (workflow_id, user_id, agent_id, phone_number, max_attempts,
                                       retry_delay_seconds, scheduled_for)
            VALUES (:w, :u, :a, :p, 1, 60, :at)
            """)
        .param("w", workflowId)
        .param("u", user)
        .param("a", agent)
        .param("p", phone)
        .param("at", Timestamp.from(scheduledFor))
        .update();
    return workflowId;
  }

  private String requestStatus(String workflowId) {
    return jdbc.sql("SELECT status FROM call_requests WHERE workflow_id = :w")
        .param("w", workflowId)
        .query(String.class)
        .single();
  }

  @Test
  void oneOffCallsShareTheUsersLimitWithCampaignItemsAndGoFirst() {
    UUID user = user(2);
    UUID campaign = campaign(user, "active", "00:00-23:59", null);
    UUID item = dueItem(campaign, 1);
    String first = oneOff(user, "+14155552601", NOW.minusSeconds(30));
    String second = oneOff(user, "+14155552602", NOW.minusSeconds(20));
    String third = oneOff(user, "+14155552603", NOW.minusSeconds(10));

    List<Allocation> allocations = allocator.allocate(NOW, 100, null);

    assertThat(allocations)
        .extracting(Allocation::oneOffWorkflowId)
        .containsExactlyInAnyOrder(first, second);
    assertThat(requestStatus(third)).isEqualTo("queued");
    assertThat(status(item)).isEqualTo("queued");
    assertThat(allocator.allocate(NOW, 100, null)).isEmpty();
  }

  @Test
  void usersTakeTurnsAcrossOneOffCallsAndCampaignItems() {
    platformLimit(2);
    UUID calling = user(5);
    UUID campaigning = user(5);
    UUID campaign = campaign(campaigning, "active", "00:00-23:59", null);
    dueItem(campaign, 1);
    dueItem(campaign, 2);
    oneOff(calling, "+14155552601", NOW.minusSeconds(30));
    oneOff(calling, "+14155552602", NOW.minusSeconds(20));

    List<Allocation> allocations = allocator.allocate(NOW, 100, null);

    assertThat(allocations)
        .extracting(Allocation::userId)
        .containsExactlyInAnyOrder(calling, campaigning);
  }

  @Test
  void aOneOffCallDueInsideTheRecipientsQuietHoursMovesToTheirEnd() {
    UUID user = user(2);
    // 15:00 UTC is 00:00 in Tokyo.
    String tokyo = oneOff(user, "+81312345678", NOW.minusSeconds(30));

    assertThat(allocator.allocate(NOW, 100, DailyWindow.parse("21:00-08:00"))).isEmpty();

    assertThat(requestStatus(tokyo)).isEqualTo("queued");
    assertThat(
            jdbc.sql("SELECT scheduled_for FROM call_requests WHERE workflow_id = :w")
                .param("w", tokyo)
                .query(Timestamp.class)
                .single()
                .toInstant())
        .isEqualTo(Instant.parse("2026-03-02T23:00:00Z"));
  }

  @Test
  void theDispatcherSleepsOnlyUntilTheNextOneOffCallFallsDue() {
    UUID user = user(2);
    oneOff(user, "+14155552601", NOW.plusSeconds(90));
    var dispatch =
        new DispatchActivitiesImpl(
            jdbc,
            allocator,
            new CallStarter(
                jdbc,
                () -> null,
                java.time.Duration.ofMinutes(1),
                java.time.Duration.ofHours(2),
                null),
            () -> null,
            java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));

    assertThat(dispatch.dispatch().millisUntilNextDue()).isEqualTo(90_000);
  }
}
