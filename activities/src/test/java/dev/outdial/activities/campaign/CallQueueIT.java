package dev.outdial.activities.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A campaign's items on real Postgres: written from a draft with every field, finished or failed,
 * cancelled with their campaign, skipped for a do-not-call number, and skipped when the end date
 * begins where each recipient is, not where the campaign is.
 */
class CallQueueIT {

  private JdbcClient jdbc;
  private TestRows rows;
  private CallQueue queue;

  @BeforeEach
  void setUp() {
    jdbc = JdbcClient.create(TestDatabase.freshDatabase());
    rows = new TestRows(jdbc);
    queue = new CallQueue(jdbc);
  }

  private UUID item(UUID user, UUID agent, UUID campaign, String phone, String zone, int pos) {
    UUID contact = rows.contact(user, "R" + pos, phone);
    return jdbc.sql(
            """
            INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                                    position, scheduled_for, timezone)
            VALUES (:u, :c, :a, :contact, :p, :pos, :at, :zone) RETURNING id
            """)
        .param("u", user)
        .param("c", campaign)
        .param("a", agent)
        .param("contact", contact)
        .param("p", phone)
        .param("pos", pos)
        .param("at", Timestamp.from(Instant.parse("2026-03-05T00:00:00Z")))
        .param("zone", zone)
        .query(UUID.class)
        .single();
  }

  private String status(UUID item) {
    return jdbc.sql("SELECT status FROM call_queue WHERE id = :id")
        .param("id", item)
        .query(String.class)
        .single();
  }

  /** Why the item was closed, or null. */
  private String reason(UUID item) {
    return jdbc.sql("SELECT failure_reason FROM call_queue WHERE id = :id")
        .param("id", item)
        .query(String.class)
        .list()
        .get(0);
  }

  private boolean closed(UUID item) {
    return jdbc.sql("SELECT completed_at IS NOT NULL FROM call_queue WHERE id = :id")
        .param("id", item)
        .query(Boolean.class)
        .single();
  }

  record Written(
      UUID userId,
      UUID campaignId,
      UUID agentId,
      String phoneNumber,
      String contactName,
      String nextAction,
      String status,
      int position,
      Timestamp scheduledFor,
      String timezone,
      String failureReason,
      boolean closed) {}

  private Written written(UUID campaign, UUID contact) {
    return jdbc.sql(
            """
            SELECT user_id, campaign_id, agent_id, phone_number, contact_name,
                   user_data ->> 'next_action' AS next_action, status, position, scheduled_for,
                   timezone, failure_reason, completed_at IS NOT NULL AS closed
            FROM call_queue WHERE campaign_id = :c AND contact_id = :contact
            """)
        .param("c", campaign)
        .param("contact", contact)
        .query(Written.class)
        .single();
  }

  @Test
  void aDraftsItemsAreWrittenWithEveryFieldAndASkippedOneIsClosedAtOnce() {
    UUID user = rows.user(15, 2);
    UUID agent = rows.agent(user);
    UUID campaign =
        rows.activeCampaign(user, agent, LocalTime.of(9, 0), LocalTime.of(17, 0), "UTC");
    UUID ada = rows.contact(user, "Ada", "+442071838750");
    UUID bob = rows.contact(user, "Bob", "+12125550190");
    Instant adaDue = Instant.parse("2026-03-09T09:00:00Z");
    Instant now = Instant.parse("2026-03-06T15:30:00Z");

    queue.insert(
        user,
        campaign,
        agent,
        List.of(
            new CallQueue.NewItem(
                ada,
                "+442071838750",
                "Ada",
                "{\"name\": \"Ada\", \"next_action\": \"Book a demo\"}",
                "queued",
                1,
                adaDue,
                "Europe/London",
                null),
            new CallQueue.NewItem(
                bob,
                "+12125550190",
                "Bob",
                "{\"name\": \"Bob\", \"next_action\": \"Book a demo\"}",
                "skipped",
                2,
                now,
                "America/New_York",
                "the contact asked not to be called")));

    Written first = written(campaign, ada);
    assertThat(first.userId()).isEqualTo(user);
    assertThat(first.campaignId()).isEqualTo(campaign);
    assertThat(first.agentId()).isEqualTo(agent);
    assertThat(first.phoneNumber()).isEqualTo("+442071838750");
    assertThat(first.contactName()).isEqualTo("Ada");
    assertThat(first.nextAction()).isEqualTo("Book a demo");
    assertThat(first.status()).isEqualTo("queued");
    assertThat(first.position()).isEqualTo(1);
    assertThat(first.scheduledFor().toInstant()).isEqualTo(adaDue);
    assertThat(first.timezone()).isEqualTo("Europe/London");
    assertThat(first.failureReason()).isNull();
    assertThat(first.closed()).isFalse();

    Written second = written(campaign, bob);
    assertThat(second.phoneNumber()).isEqualTo("+12125550190");
    assertThat(second.contactName()).isEqualTo("Bob");
    assertThat(second.status()).isEqualTo("skipped");
    assertThat(second.position()).isEqualTo(2);
    assertThat(second.scheduledFor().toInstant()).isEqualTo(now);
    assertThat(second.timezone()).isEqualTo("America/New_York");
    assertThat(second.failureReason()).isEqualTo("the contact asked not to be called");
    assertThat(second.closed()).isTrue();
  }

  @Test
  void cancellingACampaignCancelsOnlyItsQueuedItemsWithTheReasonAndCountsThem() {
    UUID user = rows.user(15, 2);
    UUID agent = rows.agent(user);
    UUID campaign =
        rows.activeCampaign(user, agent, LocalTime.of(9, 0), LocalTime.of(17, 0), "UTC");
    UUID other = rows.activeCampaign(user, agent, LocalTime.of(9, 0), LocalTime.of(17, 0), "UTC");
    UUID first = item(user, agent, campaign, "+12125550111", "UTC", 1);
    UUID second = item(user, agent, campaign, "+12125550112", "UTC", 2);
    UUID calling = item(user, agent, campaign, "+12125550113", "UTC", 3);
    queue.allocate(calling, Instant.parse("2026-03-05T09:00:00Z"));
    UUID elsewhere = item(user, agent, other, "+12125550114", "UTC", 4);

    int cancelled = queue.cancelQueued(campaign);

    assertThat(cancelled).isEqualTo(2);
    assertThat(status(first)).isEqualTo("cancelled");
    assertThat(status(second)).isEqualTo("cancelled");
    assertThat(reason(first)).isEqualTo("the campaign was cancelled");
    assertThat(closed(first)).isTrue();
    assertThat(status(calling)).as("a call in progress is left to end").isEqualTo("processing");
    assertThat(status(elsewhere)).isEqualTo("queued");
    assertThat(queue.cancelQueued(campaign)).as("nothing is left to cancel").isZero();
  }

  @Test
  void aPlacementRecordedAgainAfterTheItemEndedLeavesItEnded() {
    UUID user = rows.user(15, 2);
    UUID agent = rows.agent(user);
    UUID campaign =
        rows.activeCampaign(user, agent, LocalTime.of(9, 0), LocalTime.of(17, 0), "UTC");
    UUID ended = item(user, agent, campaign, "+12125550123", "UTC", 1);
    UUID calling = item(user, agent, campaign, "+12125550124", "UTC", 2);
    UUID endedCall = call(user, agent, "exec-ended");
    UUID callingCall = call(user, agent, "exec-calling");
    queue.allocate(ended, Instant.parse("2026-03-05T10:00:00Z"));
    queue.allocate(calling, Instant.parse("2026-03-05T10:00:00Z"));
    queue.linkCall(ended, endedCall);
    queue.finish(ended, true, "completed");

    queue.linkCall(ended, endedCall);
    queue.linkCall(calling, callingCall);

    assertThat(status(ended)).isEqualTo("completed");
    assertThat(closed(ended)).isTrue();
    assertThat(status(calling)).isEqualTo("processing");
  }

  private UUID call(UUID user, UUID agent, String executionId) {
    return jdbc.sql(
            """
            INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number, status)
            VALUES (:agent, :user, :execution, '+12125550120', 'in_progress') RETURNING id
            """)
        .param("agent", agent)
        .param("user", user)
        .param("execution", executionId)
        .query(UUID.class)
        .single();
  }

  @Test
  void anAnsweredItemCompletesWithoutAReasonAndAnUnansweredOneFailsWithIt() {
    UUID user = rows.user(15, 2);
    UUID agent = rows.agent(user);
    UUID campaign =
        rows.activeCampaign(user, agent, LocalTime.of(9, 0), LocalTime.of(17, 0), "UTC");
    UUID answered = item(user, agent, campaign, "+12125550121", "UTC", 1);
    UUID unanswered = item(user, agent, campaign, "+12125550122", "UTC", 2);

    queue.finish(answered, true, "completed");
    queue.finish(unanswered, false, "no-answer");

    assertThat(status(answered)).isEqualTo("completed");
    assertThat(reason(answered)).isNull();
    assertThat(closed(answered)).isTrue();
    assertThat(status(unanswered)).isEqualTo("failed");
    assertThat(reason(unanswered)).isEqualTo("no-answer");
    assertThat(closed(unanswered)).isTrue();
  }

  @Test
  void aDoNotCallNumbersQueuedItemsAreSkippedForItsOwnerOrForEveryoneAndCounted() {
    String number = "+12125550131";
    UUID owner = rows.user(15, 2);
    UUID ownersAgent = rows.agent(owner);
    UUID ownersCampaign =
        rows.activeCampaign(owner, ownersAgent, LocalTime.of(9, 0), LocalTime.of(17, 0), "UTC");
    UUID stranger = rows.user(15, 2);
    UUID strangersAgent = rows.agent(stranger);
    UUID strangersCampaign =
        rows.activeCampaign(
            stranger, strangersAgent, LocalTime.of(9, 0), LocalTime.of(17, 0), "UTC");
    UUID owners = item(owner, ownersAgent, ownersCampaign, number, "UTC", 1);
    UUID answered = item(owner, ownersAgent, ownersCampaign, "+12125550132", "UTC", 2);
    UUID strangers = item(stranger, strangersAgent, strangersCampaign, number, "UTC", 1);
    UUID anotherNumber = item(owner, ownersAgent, ownersCampaign, "+12125550133", "UTC", 3);
    jdbc.sql("UPDATE call_queue SET phone_number = :p WHERE id = :id")
        .param("p", number)
        .param("id", answered)
        .update();
    queue.finish(answered, true, "completed");

    int skipped = queue.skipQueuedTo(number, owner, "on the account's do-not-call list");

    assertThat(skipped).isEqualTo(1);
    assertThat(status(owners)).isEqualTo("skipped");
    assertThat(reason(owners)).isEqualTo("on the account's do-not-call list");
    assertThat(closed(owners)).isTrue();
    assertThat(status(answered)).as("a finished item stays finished").isEqualTo("completed");
    assertThat(status(strangers)).as("another owner's list is theirs").isEqualTo("queued");
    assertThat(status(anotherNumber)).isEqualTo("queued");

    assertThat(queue.skipQueuedTo(number, null, "on the platform's do-not-call list")).isEqualTo(1);
    assertThat(status(strangers)).isEqualTo("skipped");
    assertThat(reason(strangers)).isEqualTo("on the platform's do-not-call list");
    assertThat(status(anotherNumber)).isEqualTo("queued");
  }

  @Test
  void itemsAreSkippedWhenTheEndDateBeginsInTheirRecipientsZone() {
    UUID user = rows.user(15, 2);
    UUID agent = rows.agent(user);
    UUID campaign =
        rows.activeCampaign(user, agent, LocalTime.of(9, 0), LocalTime.of(17, 0), "UTC");
    jdbc.sql("UPDATE call_campaigns SET end_date = '2026-03-10' WHERE id = :id")
        .param("id", campaign)
        .update();
    UUID auckland = item(user, agent, campaign, "+6495550100", "Pacific/Auckland", 1);
    UUID losAngeles = item(user, agent, campaign, "+14155550100", "America/Los_Angeles", 2);

    // 2026-03-10 00:00 in Auckland (UTC+13); still 2026-03-09 in UTC and in Los Angeles.
    int skipped = queue.skipPastEndDate(campaign, Instant.parse("2026-03-09T11:00:00Z"));

    assertThat(skipped).isEqualTo(1);
    assertThat(status(auckland)).isEqualTo("skipped");
    assertThat(status(losAngeles)).isEqualTo("queued");

    // Past 2026-03-10 00:00 in Los Angeles (UTC-7 since the clock change of 8 March).
    assertThat(queue.skipPastEndDate(campaign, Instant.parse("2026-03-10T08:00:00Z"))).isEqualTo(1);
    assertThat(status(losAngeles)).isEqualTo("skipped");
  }
}
