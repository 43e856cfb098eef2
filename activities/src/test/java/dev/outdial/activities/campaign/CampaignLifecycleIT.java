package dev.outdial.activities.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.MutableClock;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import dev.outdial.workflows.campaign.CampaignProgress;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * How a campaign moves between its states when it looks at itself, on real Postgres: it starts on
 * its start date in its own zone, pauses when its owner runs out of credits and resumes when they
 * arrive (but not when its owner paused it), lets a cancellation drop what is queued, and completes
 * when nothing is left or its end date came while it was paused.
 */
class CampaignLifecycleIT {

  /** Midnight of 6 March 2026 in New York. */
  private static final Instant START = Instant.parse("2026-03-06T05:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private JdbcClient jdbc;
  private CampaignActivitiesImpl activities;
  private TestRows rows;
  private UUID user;
  private UUID agent;

  @BeforeEach
  void setUp() {
    DataSource database = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(database);
    activities =
        new CampaignActivitiesImpl(jdbc, new DataSourceTransactionManager(database), clock);
    rows = new TestRows(jdbc);
    user = rows.user(10, 2);
    agent = rows.agent(user);
  }

  private UUID campaign(String status, String pausedReason, String endDate) {
    return jdbc.sql(
            """
            INSERT INTO call_campaigns (user_id, name, agent_id, next_action, first_call_time,
              last_call_time, start_date, end_date, timezone, status, paused_reason)
            VALUES (:u, 'C', :a, 'Sell', '09:00', '17:00', '2026-03-06', CAST(:end AS date),
                    'America/New_York', :status, :reason)
            RETURNING id
            """)
        .param("u", user)
        .param("a", agent)
        .param("end", endDate)
        .param("status", status)
        .param("reason", pausedReason)
        .query(UUID.class)
        .single();
  }

  private UUID queued(UUID campaign, String number) {
    UUID contact = rows.contact(user, "C", number);
    return jdbc.sql(
            """
            INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                                    position, scheduled_for, timezone)
            VALUES (:u, :c, :a, :contact, :p, 1, :at, 'America/New_York')
            RETURNING id
            """)
        .param("u", user)
        .param("c", campaign)
        .param("a", agent)
        .param("contact", contact)
        .param("p", number)
        .param("at", Timestamp.from(START))
        .query(UUID.class)
        .single();
  }

  private void credits(int credits) {
    jdbc.sql("UPDATE users SET credits = :c WHERE id = :id")
        .param("c", credits)
        .param("id", user)
        .update();
  }

  private String status(UUID campaign) {
    return jdbc.sql("SELECT status FROM call_campaigns WHERE id = :id")
        .param("id", campaign)
        .query(String.class)
        .single();
  }

  private String itemStatus(UUID item) {
    return jdbc.sql("SELECT status FROM call_queue WHERE id = :id")
        .param("id", item)
        .query(String.class)
        .single();
  }

  @Test
  void aScheduledCampaignStartsAtMidnightOfItsStartDateInItsOwnZone() {
    UUID campaign = campaign("scheduled", null, null);
    queued(campaign, "+12125550101");
    clock.set(START.minusSeconds(60));

    CampaignProgress before = activities.review(campaign);
    assertThat(before.status()).isEqualTo("scheduled");
    assertThat(before.callable()).isFalse();
    assertThat(before.millisUntilNextChange()).isEqualTo(60_000);

    clock.set(START);
    CampaignProgress after = activities.review(campaign);
    assertThat(after.status()).isEqualTo("active");
    assertThat(after.callable()).isTrue();
    assertThat(after.millisUntilNextChange()).isEqualTo(-1);
    assertThat(status(campaign)).isEqualTo("active");
  }

  @Test
  void aCampaignPausesWhenItsOwnerHasNoCreditAndResumesWhenOneArrives() {
    UUID campaign = campaign("active", null, null);
    queued(campaign, "+12125550102");
    credits(0);

    CampaignProgress paused = activities.review(campaign);
    assertThat(paused.status()).isEqualTo("paused");
    assertThat(
            jdbc.sql("SELECT paused_reason FROM call_campaigns WHERE id = :id")
                .param("id", campaign)
                .query(String.class)
                .single())
        .isEqualTo(CampaignActivitiesImpl.NO_CREDITS);
    assertThat(activities.review(campaign).status()).as("still no credit").isEqualTo("paused");

    credits(1);
    CampaignProgress resumed = activities.review(campaign);
    assertThat(resumed.status()).isEqualTo("active");
    assertThat(resumed.callable()).isTrue();
  }

  @Test
  void aCampaignWhoseOwnerHasOneCreditLeftKeepsCalling() {
    UUID campaign = campaign("active", null, null);
    queued(campaign, "+12125550106");
    credits(1);

    CampaignProgress progress = activities.review(campaign);

    assertThat(progress.status()).isEqualTo("active");
    assertThat(progress.queued()).isEqualTo(1);
    assertThat(status(campaign)).isEqualTo("active");
  }

  @Test
  void aCampaignItsOwnerPausedStaysPausedWhenCreditsArrive() {
    UUID campaign = campaign("paused", "paused by the owner", null);
    queued(campaign, "+12125550103");

    assertThat(activities.review(campaign).status()).isEqualTo("paused");
    assertThat(status(campaign)).isEqualTo("paused");
  }

  @Test
  void aCancelledCampaignDropsWhatIsQueuedAndIsOver() {
    UUID campaign = campaign("cancelled", null, null);
    UUID item = queued(campaign, "+12125550104");

    CampaignProgress progress = activities.review(campaign);

    assertThat(itemStatus(item)).isEqualTo("cancelled");
    assertThat(progress.queued()).isZero();
    assertThat(progress.finished()).isEqualTo(1);
    assertThat(progress.over()).isTrue();
  }

  @Test
  void anActiveCampaignWithNothingLeftCompletesEvenWithoutCredits() {
    UUID campaign = campaign("active", null, null);
    credits(0);

    assertThat(activities.review(campaign).status()).isEqualTo("completed");
  }

  @Test
  void aPausedCampaignCompletesWhenItsEndDateComesInItsZoneAndItsItemsAreSkipped() {
    UUID campaign = campaign("paused", "paused by the owner", "2026-03-08");
    UUID item = queued(campaign, "+12125550105");
    // One minute before midnight of 8 March in New York (EST until 07:00Z that day).
    clock.set(Instant.parse("2026-03-08T04:59:00Z"));

    assertThat(activities.review(campaign).status()).isEqualTo("paused");
    assertThat(itemStatus(item)).isEqualTo("queued");

    clock.set(Instant.parse("2026-03-08T05:00:00Z"));
    assertThat(activities.review(campaign).status()).isEqualTo("completed");
    assertThat(itemStatus(item)).isEqualTo("skipped");
  }

  @Test
  void aCampaignThatIsGoneSaysSo() {
    CampaignProgress progress = activities.review(UUID.randomUUID());

    assertThat(progress.status()).isEqualTo(CampaignProgress.MISSING);
    assertThat(progress.over()).isTrue();
  }
}
