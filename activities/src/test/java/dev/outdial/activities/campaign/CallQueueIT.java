package dev.outdial.activities.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The campaign's end date falls at midnight where each recipient is, not where the campaign is. */
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
