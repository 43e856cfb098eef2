package dev.outdial.activities.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.outdial.activities.billing.CreditLedger;
import dev.outdial.activities.billing.CreditType;
import dev.outdial.activities.billing.CreditsPerMinute;
import dev.outdial.activities.billing.LedgerEntry;
import dev.outdial.activities.bolna.BolnaClient;
import dev.outdial.activities.bolna.BolnaExecution;
import dev.outdial.activities.bolna.BolnaProperties;
import dev.outdial.activities.bolna.PlaceCallRequest;
import dev.outdial.activities.bolna.PlaceCallResult;
import dev.outdial.activities.call.BillingActivitiesImpl;
import dev.outdial.activities.call.CallActivitiesImpl;
import dev.outdial.activities.dispatch.Allocator;
import dev.outdial.activities.dispatch.CallStarter;
import dev.outdial.activities.dispatch.DialGate;
import dev.outdial.activities.dispatch.DispatchActivitiesImpl;
import dev.outdial.activities.lead.KeywordLeadScorer;
import dev.outdial.activities.lead.LeadActivitiesImpl;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import dev.outdial.workflows.call.CallWorkflowImpl;
import dev.outdial.workflows.campaign.CampaignRun;
import dev.outdial.workflows.campaign.CampaignWorkflow;
import dev.outdial.workflows.campaign.CampaignWorkflowImpl;
import dev.outdial.workflows.common.TaskQueues;
import dev.outdial.workflows.common.WorkflowIds;
import dev.outdial.workflows.dispatch.DispatcherState;
import dev.outdial.workflows.dispatch.DispatcherWorkflow;
import dev.outdial.workflows.dispatch.DispatcherWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Whole campaigns over days of workflow time, skipped in seconds: the real campaign, dispatcher and
 * call workflows, the real activities on real Postgres (allocation, finalizing, billing, scoring),
 * and a stand-in for Bolna that answers each call as completed after 90 seconds of talk and notes
 * when it was dialed. Every call lasts two hours of workflow time (its final status is learnt by
 * polling), so with one slot a day's 9:00–17:00 window holds four calls.
 */
class CampaignTimelineIT {

  private static final DailyWindow QUIET_HOURS =
      new DailyWindow(LocalTime.of(21, 0), LocalTime.of(8, 0));

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Friday 2026-03-06, midnight in New York; clocks go forward there on Sunday 03-08. */
  private static final Instant FRIDAY = Instant.parse("2026-03-06T05:00:00Z");

  private static final Duration CALL_LENGTH = Duration.ofHours(2);

  /** A call placed at Bolna: to whom, and when in workflow time. */
  record Dial(String phoneNumber, Instant at) {}

  /**
   * Answers like Bolna for calls that are answered, talked for 90 s and completed; a number in
   * {@link #busyOnce} is busy the first time it is dialed.
   */
  static final class AnsweringBolna extends BolnaClient {
    final List<Dial> dials = new CopyOnWriteArrayList<>();
    final Set<String> busyOnce = ConcurrentHashMap.newKeySet();
    private final Map<String, String> busyExecutions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicInteger executions = new AtomicInteger();

    AnsweringBolna(Clock clock) {
      super(
          new BolnaProperties(
              "http://127.0.0.1:9",
              "k",
              Duration.ofSeconds(1),
              Duration.ofSeconds(1),
              1,
              Duration.ofMillis(1)),
          JSON);
      this.clock = clock;
    }

    @Override
    public PlaceCallResult placeCall(PlaceCallRequest request) {
      dials.add(new Dial(request.recipientPhoneNumber(), clock.instant()));
      String executionId = "exec-" + executions.incrementAndGet();
      if (busyOnce.remove(request.recipientPhoneNumber())) {
        busyExecutions.put(executionId, request.recipientPhoneNumber());
      }
      return new PlaceCallResult(executionId, "queued", "ok");
    }

    @Override
    public BolnaExecution getExecution(String executionId) {
      if (busyExecutions.containsKey(executionId)) {
        return BolnaExecution.parse(
            "{\"id\": \"%s\", \"status\": \"busy\", \"conversation_duration\": 0}"
                .formatted(executionId));
      }
      return BolnaExecution.parse(
          """
          {"id": "%s", "status": "completed", "conversation_duration": 90,
           "transcript": "assistant: Shall we book a demo? user: Yes, I am interested, next week."}
          """
              .formatted(executionId));
    }
  }

  /** Workflow time, so that what the activities store follows the skipped clock. */
  static final class WorkflowTimeClock extends Clock {
    private final TestWorkflowEnvironment env;
    private final ZoneId zone;

    WorkflowTimeClock(TestWorkflowEnvironment env, ZoneId zone) {
      this.env = env;
      this.zone = zone;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(env.currentTimeMillis());
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new WorkflowTimeClock(env, zone);
    }
  }

  private TestWorkflowEnvironment env;
  private HikariDataSource pool;
  private JdbcClient jdbc;
  private CreditLedger ledger;
  private AnsweringBolna bolna;
  private UUID userId;
  private UUID campaignId;

  @BeforeEach
  void setUp() {
    DataSource database = TestDatabase.freshDatabase();
    pool = new HikariDataSource();
    pool.setJdbcUrl(TestDatabase.jdbcUrl(database));
    pool.setUsername(TestDatabase.username());
    DataSource dataSource = pool;
    jdbc = JdbcClient.create(dataSource);
    var transactions = new DataSourceTransactionManager(dataSource);
    ledger = new CreditLedger(jdbc, transactions);
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(FRIDAY).build());
    Clock clock = new WorkflowTimeClock(env, ZoneId.of("UTC"));
    bolna = new AnsweringBolna(clock);
    Worker worker = env.newWorker(TaskQueues.OUTDIAL);
    worker.registerWorkflowImplementationTypes(
        DispatcherWorkflowImpl.class, CampaignWorkflowImpl.class, CallWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new DispatchActivitiesImpl(
            jdbc,
            new Allocator(jdbc, transactions),
            new CallStarter(
                jdbc, env::getWorkflowClient, CALL_LENGTH, java.time.Duration.ofHours(2), JSON),
            () -> QUIET_HOURS,
            clock),
        new CampaignActivitiesImpl(jdbc, transactions, clock),
        new CallActivitiesImpl(
            jdbc,
            transactions,
            () -> bolna,
            JSON,
            clock,
            new DialGate(jdbc, () -> QUIET_HOURS, 450, new CreditsPerMinute(1), clock)),
        new BillingActivitiesImpl(jdbc, transactions, ledger, new CreditsPerMinute(1), JSON),
        new LeadActivitiesImpl(jdbc, transactions, new KeywordLeadScorer(), JSON));
    env.start();

    TestRows rows = new TestRows(jdbc);
    userId = rows.user(1000, 1);
    UUID agentId = rows.agent(userId);
    campaignId =
        jdbc.sql(
                """
                INSERT INTO call_campaigns (user_id, name, agent_id, next_action, first_call_time,
                  last_call_time, start_date, end_date, timezone, status, max_attempts, total_contacts)
                VALUES (:u, 'Three days in New York', :a, 'Book a demo', :first, :last,
                        '2026-03-06', '2026-03-09', 'America/New_York', 'scheduled', 1, 10)
                RETURNING id
                """)
            .param("u", userId)
            .param("a", agentId)
            .param("first", Time.valueOf(LocalTime.of(9, 0)))
            .param("last", Time.valueOf(LocalTime.of(17, 0)))
            .query(UUID.class)
            .single();
    Instant firstOpening = ZonedDateTime.of(2026, 3, 6, 9, 0, 0, 0, NEW_YORK).toInstant();
    for (int i = 1; i <= 10; i++) {
      String phone = "+121255501%02d".formatted(i);
      UUID contactId = rows.contact(userId, "Contact " + i, phone);
      jdbc.sql(
              """
              INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                contact_name, position, scheduled_for, timezone)
              VALUES (:u, :c, :a, :contact, :p, :n, :position, :at, 'America/New_York')
              """)
          .param("u", userId)
          .param("c", campaignId)
          .param("a", agentId)
          .param("contact", contactId)
          .param("p", phone)
          .param("n", "Contact " + i)
          .param("position", i)
          .param("at", Timestamp.from(firstOpening))
          .update();
    }
  }

  @AfterEach
  void tearDown() {
    env.close();
    pool.close();
  }

  /** Starts the dispatcher and the campaign's workflow, as the app does at start and on "start". */
  private CampaignWorkflow run() {
    WorkflowClient client = env.getWorkflowClient();
    WorkflowClient.start(
        client.newWorkflowStub(
                DispatcherWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(WorkflowIds.DISPATCHER)
                    .setTaskQueue(TaskQueues.OUTDIAL)
                    .build())
            ::run,
        new DispatcherState(Duration.ofMinutes(30), 500));
    CampaignWorkflow campaign =
        client.newWorkflowStub(
            CampaignWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.campaign(campaignId))
                .setTaskQueue(TaskQueues.OUTDIAL)
                .build());
    WorkflowClient.start(campaign::run, new CampaignRun(campaignId, Duration.ofHours(1), 500));
    return campaign;
  }

  private void awaitEnd(CampaignWorkflow campaign) throws Exception {
    WorkflowStub.fromTyped(campaign).getResult(2, TimeUnit.MINUTES, Void.class);
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  private void sleepUntil(ZonedDateTime at) {
    env.sleep(Duration.between(now(), at.toInstant()));
  }

  private static ZonedDateTime newYork(int day, int hour, int minute) {
    return ZonedDateTime.of(2026, 3, day, hour, minute, 0, 0, NEW_YORK);
  }

  private Map<String, Object> campaignRow() {
    return jdbc.sql(
            "SELECT status, paused_reason, completed_calls, successful_calls, failed_calls,"
                + " completed_at FROM call_campaigns WHERE id = :id")
        .param("id", campaignId)
        .query()
        .singleRow();
  }

  private int queueItems(String status) {
    return jdbc.sql("SELECT count(*) FROM call_queue WHERE campaign_id = :c AND status = :s")
        .param("c", campaignId)
        .param("s", status)
        .query(Integer.class)
        .single();
  }

  private int credits() {
    return jdbc.sql("SELECT credits FROM users WHERE id = :u")
        .param("u", userId)
        .query(Integer.class)
        .single();
  }

  private int ledgerSum() {
    return jdbc.sql("SELECT COALESCE(sum(amount), 0) FROM credit_transactions WHERE user_id = :u")
        .param("u", userId)
        .query(Integer.class)
        .single();
  }

  /** The owner's pause, resume or cancel as the API commits it, then the signal. */
  private void owner(CampaignWorkflow campaign, String status) {
    jdbc.sql(
            "UPDATE call_campaigns SET status = :s, paused_reason = CASE WHEN :s = 'paused'"
                + " THEN 'paused by its owner' END WHERE id = :id")
        .param("s", status)
        .param("id", campaignId)
        .update();
    switch (status) {
      case "paused" -> campaign.pause();
      case "active" -> {
        campaign.resume();
        env.getWorkflowClient()
            .newWorkflowStub(DispatcherWorkflow.class, WorkflowIds.DISPATCHER)
            .wake();
      }
      case "cancelled" -> {
        jdbc.sql(
                "UPDATE call_queue SET status = 'cancelled' WHERE campaign_id = :id"
                    + " AND status = 'queued'")
            .param("id", campaignId)
            .update();
        campaign.cancel();
      }
      default -> throw new IllegalArgumentException(status);
    }
  }

  @Test
  void aThreeDayCampaignInNewYorkDialsOnlyInsideNineToFiveAcrossTheClockChange() throws Exception {
    awaitEnd(run());

    assertThat(bolna.dials).hasSize(10);
    assertThat(bolna.dials.stream().map(Dial::phoneNumber).distinct()).hasSize(10);
    for (Dial dial : bolna.dials) {
      ZonedDateTime local = dial.at().atZone(NEW_YORK);
      assertThat(local.toLocalTime())
          .as("dialed at %s", local)
          .isBetween(LocalTime.of(9, 0), LocalTime.of(16, 59, 59));
    }
    assertThat(bolna.dials.stream().map(d -> d.at().atZone(NEW_YORK).toLocalDate()).distinct())
        .containsExactly(
            LocalDate.of(2026, 3, 6), LocalDate.of(2026, 3, 7), LocalDate.of(2026, 3, 8));
    // Sunday's first call is at 9:00 daylight time, 13:00 UTC, not 14:00 as in winter.
    assertThat(bolna.dials.get(8).at())
        .isBetween(Instant.parse("2026-03-08T13:00:00Z"), Instant.parse("2026-03-08T13:01:00Z"));

    Map<String, Object> campaign = campaignRow();
    assertThat(campaign.get("status")).isEqualTo("completed");
    assertThat(campaign.get("completed_at")).isNotNull();
    assertThat(campaign.get("completed_calls")).isEqualTo(10);
    assertThat(campaign.get("successful_calls")).isEqualTo(10);
    assertThat(queueItems("completed")).isEqualTo(10);
    assertThat(credits()).isEqualTo(1000 - 10 * 2).isEqualTo(ledgerSum() + 1000);
  }

  @Test
  void aPausedCampaignDialsNobodyUntilItIsResumed() throws Exception {
    CampaignWorkflow campaign = run();
    sleepUntil(newYork(6, 10, 0));
    assertThat(bolna.dials).hasSize(1);

    owner(campaign, "paused");
    sleepUntil(newYork(7, 12, 0));
    // The call in progress when the pause came finished and was billed; nobody else was dialed.
    assertThat(bolna.dials).hasSize(1);
    assertThat(queueItems("completed")).isEqualTo(1);
    assertThat(credits()).isEqualTo(998);

    Instant resumed = now();
    owner(campaign, "active");
    awaitEnd(campaign);

    // Resumed at noon on Saturday, there was time for 3 calls that day and 4 on Sunday; the end
    // date then left 2 recipients uncalled.
    assertThat(bolna.dials).hasSize(8);
    assertThat(bolna.dials.subList(1, 8)).allMatch(dial -> !dial.at().isBefore(resumed));
    assertThat(bolna.dials.get(1).at()).isBetween(resumed, resumed.plusSeconds(60));
    assertThat(queueItems("completed")).isEqualTo(8);
    assertThat(queueItems("skipped")).isEqualTo(2);
    assertThat(campaignRow().get("status")).isEqualTo("completed");
  }

  @Test
  void aCancelledCampaignLetsTheCallInProgressFinishAndIsBilledForItOnly() throws Exception {
    CampaignWorkflow campaign = run();
    sleepUntil(newYork(6, 10, 0));

    owner(campaign, "cancelled");
    awaitEnd(campaign);

    assertThat(bolna.dials).hasSize(1);
    assertThat(queueItems("completed")).isEqualTo(1);
    assertThat(queueItems("cancelled")).isEqualTo(9);
    assertThat(campaignRow().get("status")).isEqualTo("cancelled");
    assertThat(campaignRow().get("completed_calls")).isEqualTo(1);
    assertThat(credits()).isEqualTo(998).isEqualTo(ledgerSum() + 1000);
    // The workflow ended only once that call had finished, two hours after it was dialed.
    assertThat(now()).isAfterOrEqualTo(bolna.dials.get(0).at().plus(CALL_LENGTH));
  }

  @Test
  void aCampaignPausesItselfWhenCreditsRunOutAndGoesOnWhenTheyArrive() throws Exception {
    jdbc.sql("UPDATE users SET credits = 4 WHERE id = :u").param("u", userId).update();
    CampaignWorkflow campaign = run();
    sleepUntil(newYork(6, 14, 0));

    // Two calls of two credits each used all four; the campaign waits with a reason.
    assertThat(bolna.dials).hasSize(2);
    assertThat(credits()).isZero();
    assertThat(campaignRow().get("status")).isEqualTo("paused");
    assertThat(campaignRow().get("paused_reason")).isEqualTo(CampaignActivitiesImpl.NO_CREDITS);
    assertThat(campaign.progress().status()).isEqualTo("paused");

    Instant topUp = now();
    ledger.apply(
        new LedgerEntry(userId, CreditType.PURCHASE, 100, "top-up", null, null, null, "top-up-1"));
    campaign.creditsArrived();
    awaitEnd(campaign);

    assertThat(bolna.dials).hasSize(10);
    assertThat(bolna.dials.get(2).at()).isBetween(topUp, topUp.plusSeconds(60));
    assertThat(campaignRow().get("status")).isEqualTo("completed");
    assertThat(campaignRow().get("paused_reason")).isNull();
    assertThat(credits()).isEqualTo(4 + 100 - 10 * 2);
  }

  @Test
  void aBusyRecipientIsDialedOnceMoreAfterTheRetryDelayAndEveryoneElseOnce() throws Exception {
    jdbc.sql("UPDATE call_campaigns SET max_attempts = 2, retry_delay_minutes = 90 WHERE id = :id")
        .param("id", campaignId)
        .update();
    bolna.busyOnce.add("+12125550101");

    awaitEnd(run());

    List<Dial> busy =
        bolna.dials.stream().filter(dial -> dial.phoneNumber().equals("+12125550101")).toList();
    assertThat(busy).hasSize(2);
    assertThat(Duration.between(busy.get(0).at(), busy.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(90));
    assertThat(busy.get(1).at().atZone(NEW_YORK).toLocalTime())
        .isBetween(LocalTime.of(9, 0), LocalTime.of(16, 59, 59));
    assertThat(bolna.dials).hasSize(11);
    assertThat(
            bolna.dials.stream()
                .filter(dial -> !dial.phoneNumber().equals("+12125550101"))
                .map(Dial::phoneNumber)
                .distinct())
        .hasSize(9);
    assertThat(queueItems("completed")).isEqualTo(10);
    assertThat(
            jdbc.sql("SELECT attempts FROM call_queue WHERE phone_number = '+12125550101'")
                .query(Integer.class)
                .single())
        .isEqualTo(2);
    Map<String, Object> campaign = campaignRow();
    assertThat(campaign.get("status")).isEqualTo("completed");
    assertThat(campaign.get("successful_calls")).isEqualTo(10);
    // The busy attempt was not billed: ten answered calls of two credits each.
    assertThat(credits()).isEqualTo(1000 - 10 * 2).isEqualTo(ledgerSum() + 1000);
  }

  @Test
  void aCampaignPausedUntilAfterItsEndDateCompletesWithTheRestSkipped() throws Exception {
    CampaignWorkflow campaign = run();
    sleepUntil(newYork(6, 10, 0));
    owner(campaign, "paused");

    awaitEnd(campaign);

    assertThat(bolna.dials).hasSize(1);
    assertThat(now()).isAfterOrEqualTo(newYork(9, 0, 0).toInstant());
    assertThat(queueItems("completed")).isEqualTo(1);
    assertThat(queueItems("skipped")).isEqualTo(9);
    assertThat(campaignRow().get("status")).isEqualTo("completed");
    assertThat(
            jdbc.sql("SELECT DISTINCT failure_reason FROM call_queue WHERE status = 'skipped'")
                .query(String.class)
                .list())
        .containsExactly("the campaign ended before this recipient could be called");
  }
}
