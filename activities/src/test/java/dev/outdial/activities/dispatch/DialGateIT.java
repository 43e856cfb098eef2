package dev.outdial.activities.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.billing.CreditLedger;
import dev.outdial.activities.billing.CreditType;
import dev.outdial.activities.billing.CreditsPerMinute;
import dev.outdial.activities.billing.LedgerEntry;
import dev.outdial.activities.bolna.BolnaClient;
import dev.outdial.activities.bolna.BolnaProperties;
import dev.outdial.activities.bolna.StubBolnaServer;
import dev.outdial.activities.bolna.StubBolnaServer.Answer;
import dev.outdial.activities.call.CallActivitiesImpl;
import dev.outdial.activities.campaign.DailyWindow;
import dev.outdial.activities.testing.MutableClock;
import dev.outdial.activities.testing.RecordedMeters;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import dev.outdial.workflows.call.PlaceCall;
import dev.outdial.workflows.call.Placement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The gate at the moment of dialing, on real Postgres and a stub Bolna that counts every {@code
 * POST /call}: an item is allocated under the rules, then a rule changes before the call is placed,
 * and nothing is dialed.
 */
class DialGateIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A Monday, 15:00 in New York. */
  private static final Instant NOW = Instant.parse("2026-03-02T20:00:00Z");

  private static final String NEW_YORK = "+12125550143";
  private static final String PLACED =
      "{\"message\": \"done\", \"status\": \"queued\", \"execution_id\": \"%s\"}";

  private final MutableClock clock = new MutableClock(NOW);

  private StubBolnaServer bolna;
  private JdbcClient jdbc;
  private Allocator allocator;
  private CallActivitiesImpl calls;
  private DialGate gate;
  private CreditLedger ledger;
  private TestRows rows;
  private DailyWindow quietHours = new DailyWindow(LocalTime.of(21, 0), LocalTime.of(8, 0));
  private int callsPerMinute = 450;

  @BeforeEach
  void setUp() {
    bolna = new StubBolnaServer();
    DataSource dataSource = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(dataSource);
    var transactions = new DataSourceTransactionManager(dataSource);
    allocator = new Allocator(jdbc, transactions);
    ledger = new CreditLedger(jdbc, transactions);
    gate = new DialGate(jdbc, () -> quietHours, callsPerMinute(), new CreditsPerMinute(1), clock);
    BolnaClient client =
        new BolnaClient(
            new BolnaProperties(
                bolna.baseUrl(),
                "k",
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                1,
                Duration.ofMillis(5)),
            JSON);
    calls = new CallActivitiesImpl(jdbc, transactions, () -> client, JSON, clock, gate);
    rows = new TestRows(jdbc);
    bolna.on("POST /call", Answer.json(200, PLACED.formatted("exec-" + UUID.randomUUID())));
  }

  private int callsPerMinute() {
    return callsPerMinute;
  }

  @AfterEach
  void tearDown() {
    bolna.close();
  }

  record Item(UUID id, UUID userId, UUID agentId, UUID contactId, UUID campaignId, String phone) {}

  record Campaign(UUID userId, UUID agentId, UUID campaignId) {}

  /** An active campaign, 09:00–17:00 recipient-local, whose owner has the credits and limit. */
  private Campaign campaign(int credits, int limit) {
    UUID user = rows.user(credits, limit);
    UUID agent = rows.agent(user);
    UUID campaign =
        rows.activeCampaign(
            user, agent, LocalTime.of(9, 0), LocalTime.of(17, 0), "America/New_York");
    return new Campaign(user, agent, campaign);
  }

  /** A due item of the campaign; the allocator sees it in New York time. */
  private Item item(Campaign campaign, String phone) {
    UUID contact = rows.contact(campaign.userId(), "Ada", phone);
    UUID item =
        jdbc.sql(
                """
                INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                                        position, scheduled_for, timezone)
                VALUES (:u, :c, :a, :contact, :p, 1, :at, 'America/New_York')
                RETURNING id
                """)
            .param("u", campaign.userId())
            .param("c", campaign.campaignId())
            .param("a", campaign.agentId())
            .param("contact", contact)
            .param("p", phone)
            .param("at", Timestamp.from(NOW.minusSeconds(60)))
            .query(UUID.class)
            .single();
    return new Item(
        item, campaign.userId(), campaign.agentId(), contact, campaign.campaignId(), phone);
  }

  private Item campaignItem(int credits, int limit, String phone) {
    return item(campaign(credits, limit), phone);
  }

  private void allocate(Item item) {
    List<Allocation> allocations = allocator.allocate(clock.instant(), 100, quietHours);
    assertThat(allocations).extracting(Allocation::queueItemId).contains(item.id());
  }

  private Placement dial(Item item) {
    return calls.placeCall(
        new PlaceCall(
            "call-" + item.id() + ":1",
            "call-" + item.id(),
            item.userId(),
            item.agentId(),
            "bolna-a",
            item.contactId(),
            item.id(),
            item.campaignId(),
            item.phone(),
            Map.of()));
  }

  private Map<String, Object> queueRow(Item item) {
    return jdbc.sql(
            "SELECT status, failure_reason, scheduled_for, attempts FROM call_queue WHERE id = :id")
        .param("id", item.id())
        .query()
        .singleRow();
  }

  @Test
  void anItemThatPassesEveryRuleIsDialedOnce() {
    Item item = campaignItem(15, 2, NEW_YORK);
    allocate(item);

    Placement placement = dial(item);

    assertThat(placement.refused()).isFalse();
    assertThat(placement.executionId()).startsWith("exec-");
    assertThat(bolna.count("POST /call")).isEqualTo(1);
  }

  @Test
  void aCampaignPausedAfterAllocationIsNotDialedAndItsItemWaitsInTheQueue() {
    Item item = campaignItem(15, 2, NEW_YORK);
    allocate(item);
    jdbc.sql("UPDATE call_campaigns SET status = 'paused' WHERE id = :id")
        .param("id", item.campaignId())
        .update();

    Placement placement = dial(item);

    assertThat(placement.refusal()).isEqualTo(Placement.REQUEUED);
    assertThat(placement.reason()).contains("paused");
    assertThat(bolna.count("POST /call")).isZero();
    assertThat(queueRow(item)).containsEntry("status", "queued").containsEntry("attempts", 0);
  }

  @Test
  void eachDialIsCountedAsPlacedOrUnderTheCheckThatStoppedIt() {
    try (RecordedMeters meters = new RecordedMeters()) {
      List<Item> items = new java.util.ArrayList<>();
      for (String phone : List.of(NEW_YORK, "+12125550145", "+12125550146")) {
        Item item = campaignItem(15, 2, phone);
        allocate(item);
        items.add(item);
      }
      Item paused = items.get(1);
      Item listed = items.get(2);
      jdbc.sql("UPDATE call_campaigns SET status = 'paused' WHERE id = :id")
          .param("id", paused.campaignId())
          .update();
      jdbc.sql("INSERT INTO do_not_call_numbers (user_id, phone_number) VALUES (:u, :p)")
          .param("u", listed.userId())
          .param("p", listed.phone())
          .update();

      items.forEach(this::dial);

      assertThat(meters.count("outdial.calls.placed")).isEqualTo(1);
      assertThat(meters.count("outdial.gate.refusals", "check", "campaign")).isEqualTo(1);
      assertThat(meters.count("outdial.gate.refusals", "check", "do_not_call")).isEqualTo(1);
      assertThat(meters.total("outdial.gate.refusals")).isEqualTo(2);
    }
  }

  @Test
  void aCampaignCancelledAfterAllocationClosesItsItem() {
    Item item = campaignItem(15, 2, NEW_YORK);
    allocate(item);
    jdbc.sql("UPDATE call_campaigns SET status = 'cancelled' WHERE id = :id")
        .param("id", item.campaignId())
        .update();

    Placement placement = dial(item);

    assertThat(placement.refusal()).isEqualTo("cancelled");
    assertThat(bolna.count("POST /call")).isZero();
    assertThat(queueRow(item)).containsEntry("status", "cancelled");
  }

  @Test
  void aNumberAddedToTheTenantsDoNotCallListAfterAllocationIsNotDialed() {
    Item item = campaignItem(15, 2, NEW_YORK);
    allocate(item);
    jdbc.sql(
            "INSERT INTO do_not_call_numbers (user_id, phone_number, reason) VALUES (:u, :p, 'asked')")
        .param("u", item.userId())
        .param("p", NEW_YORK)
        .update();

    Placement placement = dial(item);

    assertThat(placement.refusal()).isEqualTo("skipped");
    assertThat(bolna.count("POST /call")).isZero();
    assertThat(queueRow(item))
        .containsEntry("status", "skipped")
        .containsEntry("failure_reason", "the number is on the account's do-not-call list (asked)");
  }

  @Test
  void aNumberOnThePlatformsListOrAContactWhoAskedNotToBeCalledIsNotDialed() {
    Item platform = campaignItem(15, 2, NEW_YORK);
    Item flagged = campaignItem(15, 2, "+12125550144");
    allocate(platform);
    jdbc.sql("INSERT INTO do_not_call_numbers (phone_number) VALUES (:p)")
        .param("p", NEW_YORK)
        .update();
    jdbc.sql("UPDATE contacts SET do_not_call = true WHERE id = :id")
        .param("id", flagged.contactId())
        .update();

    assertThat(dial(platform).reason())
        .isEqualTo("the number is on the platform's do-not-call list");
    assertThat(dial(flagged).reason()).isEqualTo("the contact asked not to be called again");
    assertThat(bolna.count("POST /call")).isZero();
  }

  @Test
  void anItemWhoseWindowClosedAfterAllocationMovesToTheNextOpening() {
    Item item = campaignItem(15, 2, NEW_YORK);
    allocate(item);
    clock.set(Instant.parse("2026-03-02T22:30:00Z")); // 17:30 in New York

    Placement placement = dial(item);

    assertThat(placement.refusal()).isEqualTo(Placement.REQUEUED);
    assertThat(bolna.count("POST /call")).isZero();
    assertThat(queueRow(item))
        .containsEntry("status", "queued")
        .containsEntry("scheduled_for", Timestamp.from(Instant.parse("2026-03-03T14:00:00Z")));
  }

  @Test
  void aNumberWithSeveralZonesIsDialedOnlyWhenEveryZoneIsInsideTheWindow() {
    // An Australian mobile may ring from Cocos (UTC+6:30) to Sydney (UTC+11 in March): 09:00-17:00
    // holds in all of them only from 09:00 Cocos (02:30 UTC) to 17:00 Sydney (06:00 UTC).
    Item mobile = campaignItem(15, 2, "+61412345678");
    allocate(mobile);

    Placement placement = dial(mobile);

    assertThat(placement.refusal()).isEqualTo(Placement.REQUEUED);
    assertThat(placement.reason()).contains("every one of").contains("Australia/Perth");
    assertThat(bolna.count("POST /call")).isZero();
    assertThat(((Timestamp) queueRow(mobile).get("scheduled_for")).toInstant())
        .isEqualTo(Instant.parse("2026-03-03T02:30:00Z"));
  }

  @Test
  void aNumberWhoseZonesNeverShareAnHourOfTheWindowIsClosedNotDialed() {
    // A North American toll-free number may ring from Guam (UTC+10) to Pago Pago (UTC-11).
    Item tollFree = campaignItem(15, 2, "+18005550199");
    allocate(tollFree);

    Placement placement = dial(tollFree);

    assertThat(placement.refusal()).isEqualTo("skipped");
    assertThat(placement.reason()).contains("Pacific/Guam").contains("Pacific/Pago_Pago");
    assertThat(bolna.count("POST /call")).isZero();
    assertThat(queueRow(tollFree)).containsEntry("status", "skipped");
  }

  @Test
  void anOwnerWhoseCreditsRanOutAfterAllocationIsNotDialedAndTheItemWaits() {
    Item item = campaignItem(1, 2, NEW_YORK);
    allocate(item);
    jdbc.sql("UPDATE users SET credits = 0 WHERE id = :id").param("id", item.userId()).update();

    Placement placement = dial(item);

    assertThat(placement.refusal()).isEqualTo(Placement.REQUEUED);
    assertThat(placement.reason()).isEqualTo("waiting for credits");
    assertThat(bolna.count("POST /call")).isZero();
    assertThat(queueRow(item)).containsEntry("status", "queued");
  }

  @Test
  void creditsThatAnEndedCallStillOwesAreNotSpentOnTheNextDial() {
    Campaign campaign = campaign(3, 2);
    // Ended a moment ago after 2 min 30 s, finalized but not debited yet: it owes 3 credits.
    UUID ended = endedCall(campaign, 150);
    Item item = item(campaign, NEW_YORK);
    allocate(item);

    Placement refused = dial(item);

    assertThat(refused.refusal()).isEqualTo(Placement.REQUEUED);
    assertThat(refused.reason()).isEqualTo("waiting for credits");
    assertThat(bolna.count("POST /call")).isZero();

    // One credit more than the call owes is a credit to dial with.
    jdbc.sql("UPDATE users SET credits = 4 WHERE id = :id").param("id", campaign.userId()).update();
    allocate(item);
    assertThat(dial(item).refused()).isFalse();
    assertThat(bolna.count("POST /call")).isEqualTo(1);

    // Once debited, the call owes nothing more: the credit left is free to spend.
    debit(campaign.userId(), ended, 3);
    assertThat(gate.hasCredit(campaign.userId())).isTrue();
    debit(campaign.userId(), null, 1);
    assertThat(gate.hasCredit(campaign.userId())).isFalse();
  }

  /** A call of the campaign's owner that ended answered after {@code seconds}. */
  private UUID endedCall(Campaign campaign, int seconds) {
    return jdbc.sql(
            """
            INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number, status,
                               duration_seconds, duration_minutes)
            VALUES (:agent, :user, :exec, '+12125550190', 'completed', :seconds, :minutes)
            RETURNING id
            """)
        .param("agent", campaign.agentId())
        .param("user", campaign.userId())
        .param("exec", "exec-" + UUID.randomUUID())
        .param("seconds", seconds)
        .param("minutes", CreditsPerMinute.minutes(seconds))
        .query(UUID.class)
        .single();
  }

  private void debit(UUID userId, UUID callId, int credits) {
    LedgerEntry entry =
        LedgerEntry.of(userId, CreditType.USAGE, -credits, "usage").withCallId(callId);
    ledger.apply(entry);
    if (callId != null) {
      jdbc.sql("UPDATE calls SET credits_used = :credits WHERE id = :id")
          .param("credits", credits)
          .param("id", callId)
          .update();
    }
  }

  @Test
  void aLimitLoweredAfterAllocationSendsTheItemBackToTheQueue() {
    Campaign campaign = campaign(15, 2);
    Item first = item(campaign, NEW_YORK);
    Item second = item(campaign, "+12125550145");
    allocate(first);
    assertThat(queueRow(second)).containsEntry("status", "processing");
    jdbc.sql("UPDATE users SET concurrent_calls_limit = 1 WHERE id = :id")
        .param("id", campaign.userId())
        .update();

    Placement dialedFirst = dial(first);
    Placement refused = dial(second);

    assertThat(dialedFirst.refused()).isFalse();
    assertThat(refused.refusal()).isEqualTo(Placement.REQUEUED);
    assertThat(refused.reason()).isEqualTo("the account has 1 calls in progress, its limit is 1");
    assertThat(bolna.count("POST /call")).isEqualTo(1);
    assertThat(queueRow(second)).containsEntry("status", "queued").containsEntry("attempts", 0);
  }

  @Test
  void aPlatformLimitLoweredAfterAllocationIsHeldAtTheGate() {
    Item item = campaignItem(15, 5, NEW_YORK);
    allocate(item);
    jdbc.sql(
            "INSERT INTO system_config (key, value) VALUES (:k, '0'::jsonb)"
                + " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")
        .param("k", CallSlots.PROVIDER_LIMIT_KEY)
        .update();

    Placement placement = dial(item);

    assertThat(placement.refusal()).isEqualTo(Placement.REQUEUED);
    assertThat(placement.reason())
        .isEqualTo("the platform has 0 calls in progress, its limit is 0");
    assertThat(bolna.count("POST /call")).isZero();
  }

  @Test
  void aOneOffCallDuringQuietHoursWaitsForTheirEndInTheRecipientsZone() {
    UUID user = rows.user(15, 2);
    UUID agent = rows.agent(user);
    clock.set(Instant.parse("2026-03-02T19:07:00Z")); // 04:07 in Tokyo

    Placement placement =
        calls.placeCall(
            new PlaceCall(
                "call-adhoc-t:1",
                "call-adhoc-t",
                user,
                agent,
                "bolna-a",
                null,
                null,
                null,
                "+81312345678",
                Map.of()));

    assertThat(placement.refusal()).isEqualTo(Placement.WAIT);
    assertThat(Duration.ofMillis(placement.retryAfterMillis()))
        .isEqualTo(Duration.ofHours(3).plusMinutes(53)); // until 08:00 Tokyo
    assertThat(bolna.count("POST /call")).isZero();
  }

  @Test
  void aOneOffCallOverTheUsersLimitWaitsForASlot() {
    Item busy = campaignItem(15, 1, NEW_YORK);
    allocate(busy);
    assertThat(dial(busy).refused()).isFalse();

    Placement placement =
        calls.placeCall(
            new PlaceCall(
                "call-adhoc-x:1",
                "call-adhoc-x",
                busy.userId(),
                busy.agentId(),
                "bolna-a",
                null,
                null,
                null,
                "+12125550150",
                Map.of()));

    assertThat(placement.refusal()).isEqualTo(Placement.WAIT);
    assertThat(placement.reason()).contains("limit is 1");
    assertThat(bolna.count("POST /call")).isEqualTo(1);
  }

  @Test
  void dialsArePacedAccountWideAndA429SlowsEveryWorkerWithoutFailing() {
    Campaign campaign = campaign(15, 5);
    Item first = item(campaign, NEW_YORK);
    Item second = item(campaign, "+12125550146");
    allocate(first);
    // Another worker placed 449 calls within the last minute.
    for (int i = 0; i < 449; i++) {
      jdbc.sql(
              """
              INSERT INTO call_attempts (attempt_key, workflow_id, user_id, agent_id, phone_number,
                                         status, created_at)
              VALUES (:k, 'w', :u, :a, '+12125550100', 'placed', :at)
              """)
          .param("k", "other-" + i)
          .param("u", first.userId())
          .param("a", first.agentId())
          .param("at", Timestamp.from(NOW.minusSeconds(30)))
          .update();
    }

    assertThat(dial(first).refused()).isFalse();
    Placement paced = dial(second);
    assertThat(paced.refusal()).isEqualTo(Placement.WAIT);
    assertThat(paced.reason()).contains("450 calls per minute");
    assertThat(Duration.ofMillis(paced.retryAfterMillis()))
        .isBetween(Duration.ofSeconds(29), Duration.ofSeconds(31));

    clock.set(NOW.plusSeconds(31));
    bolna.on("POST /call", Answer.json(429, "{\"message\": \"rate limited\"}"));
    Placement limited = dial(second);
    assertThat(limited.refusal()).isEqualTo(Placement.WAIT);
    assertThat(limited.reason()).contains("429");
    // Every worker now waits, and the attempt was forgotten: it may be placed later.
    assertThat(dial(second).reason()).contains("slower pace");
    clock.advance(Duration.ofSeconds(5));
    bolna.on("POST /call", Answer.json(200, PLACED.formatted("exec-late")));
    assertThat(dial(second).executionId()).isEqualTo("exec-late");
    assertThat(bolna.count("POST /call")).isEqualTo(3);
  }

  @Test
  void theLastSlotUnderTheUsersLimitIsDialed() {
    Campaign campaign = campaign(15, 2);
    Item first = item(campaign, NEW_YORK);
    Item second = item(campaign, "+12125550147");
    allocate(first);
    bolna.on(
        "POST /call",
        Answer.json(200, PLACED.formatted("exec-first")),
        Answer.json(200, PLACED.formatted("exec-second")));

    assertThat(dial(first).refused()).isFalse();
    Placement last = dial(second);

    assertThat(last.refused()).as("one call in progress, limit 2: %s", last.reason()).isFalse();
    assertThat(bolna.count("POST /call")).isEqualTo(2);
  }

  @Test
  void theLastSlotUnderThePlatformsLimitIsDialed() {
    jdbc.sql(
            "UPDATE system_config SET value = '2'::jsonb WHERE key = 'system_concurrent_calls_limit'")
        .update();
    Item first = campaignItem(15, 5, NEW_YORK);
    Item second = campaignItem(15, 5, "+12125550148");
    allocate(first);
    bolna.on(
        "POST /call",
        Answer.json(200, PLACED.formatted("exec-one")),
        Answer.json(200, PLACED.formatted("exec-two")));

    assertThat(dial(first).refused()).isFalse();
    Placement last = dial(second);

    assertThat(last.refused()).as("one call on the platform, limit 2: %s", last.reason()).isFalse();
    assertThat(bolna.count("POST /call")).isEqualTo(2);
  }

  @Test
  void aNumberThatNamesNoZoneIsCalledInTheCampaignsZone() {
    UUID user = rows.user(15, 2);
    UUID agent = rows.agent(user);
    UUID tokyo =
        rows.activeCampaign(user, agent, LocalTime.of(9, 0), LocalTime.of(17, 0), "Asia/Tokyo");
    // An international freephone number belongs to no country, so to no zone. 15:00 in New York
    // is 05:00 the next morning in Tokyo.
    Item freephone = item(new Campaign(user, agent, tokyo), "+80012345678");
    allocate(freephone);

    Placement placement = dial(freephone);

    assertThat(placement.refusal()).isEqualTo(Placement.REQUEUED);
    assertThat(bolna.count("POST /call")).isZero();
    assertThat(((Timestamp) queueRow(freephone).get("scheduled_for")).toInstant())
        .as("09:00 in Tokyo")
        .isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
  }

  @Test
  void eachA429InARowDoublesEveryWorkersPauseUpToTwoMinutes() {
    DialGate gate = new DialGate(jdbc, () -> quietHours, 450, new CreditsPerMinute(1), clock);
    List<Long> pauses = new java.util.ArrayList<>();
    for (int i = 0; i < 9; i++) {
      pauses.add(gate.slowDown().toSeconds());
    }

    assertThat(pauses).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 120L, 120L);
  }
}
