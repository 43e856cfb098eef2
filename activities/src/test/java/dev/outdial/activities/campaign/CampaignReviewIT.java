package dev.outdial.activities.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import dev.outdial.workflows.campaign.CampaignProgress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The campaign's look at itself, against real Postgres, at moments a timeline test can't pin. */
class CampaignReviewIT {

  private JdbcClient jdbc;
  private CampaignActivitiesImpl activities;
  private UUID campaignId;
  private UUID callId;

  @BeforeEach
  void setUp() {
    DataSource database = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(database);
    activities =
        new CampaignActivitiesImpl(
            jdbc,
            new DataSourceTransactionManager(database),
            Clock.fixed(Instant.parse("2026-03-06T15:00:00Z"), ZoneOffset.UTC));
    TestRows rows = new TestRows(jdbc);
    UUID userId = rows.user(100, 2);
    UUID agentId = rows.agent(userId);
    campaignId =
        jdbc.sql(
                """
                INSERT INTO call_campaigns (user_id, name, agent_id, next_action, first_call_time,
                  last_call_time, start_date, timezone, status, total_contacts)
                VALUES (:u, 'One call', :a, 'Book a demo', '09:00', '17:00', '2026-03-06', 'UTC',
                        'active', 1)
                RETURNING id
                """)
            .param("u", userId)
            .param("a", agentId)
            .query(UUID.class)
            .single();
    UUID contactId = rows.contact(userId, "C", "+12125550101");
    callId =
        jdbc.sql(
                """
                INSERT INTO calls (agent_id, user_id, contact_id, bolna_execution_id, phone_number,
                  status, duration_seconds)
                VALUES (:a, :u, :contact, 'exec-1', '+12125550101', 'completed', 90)
                RETURNING id
                """)
            .param("a", agentId)
            .param("u", userId)
            .param("contact", contactId)
            .query(UUID.class)
            .single();
    jdbc.sql(
            """
            INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
              position, scheduled_for, status, call_id)
            VALUES (:u, :c, :a, :contact, '+12125550101', 1, now(), 'completed', :call)
            """)
        .param("u", userId)
        .param("c", campaignId)
        .param("a", agentId)
        .param("contact", contactId)
        .param("call", callId)
        .update();
  }

  @Test
  void aCampaignWhoseLastAnsweredCallIsNotYetScoredIsNotComplete() {
    CampaignProgress progress = activities.review(campaignId);

    assertThat(progress.status()).isEqualTo("active");
    assertThat(status()).isEqualTo("active");

    jdbc.sql(
            "INSERT INTO lead_analytics (call_id, user_id, total_score)"
                + " SELECT id, user_id, 40 FROM calls WHERE id = :call")
        .param("call", callId)
        .update();

    assertThat(activities.review(campaignId).status()).isEqualTo("completed");
    assertThat(status()).isEqualTo("completed");
  }

  @Test
  void aCancelledCampaignIsOverOnlyWhenItsLastAnsweredCallIsScored() {
    jdbc.sql("UPDATE call_campaigns SET status = 'cancelled' WHERE id = :id")
        .param("id", campaignId)
        .update();

    CampaignProgress progress = activities.review(campaignId);
    assertThat(progress.processing()).isEqualTo(1);
    assertThat(progress.finished()).isZero();
    assertThat(progress.over()).isFalse();

    jdbc.sql(
            "INSERT INTO lead_analytics (call_id, user_id, total_score)"
                + " SELECT id, user_id, 40 FROM calls WHERE id = :call")
        .param("call", callId)
        .update();

    progress = activities.review(campaignId);
    assertThat(progress.finished()).isEqualTo(1);
    assertThat(progress.over()).isTrue();
    assertThat(status()).isEqualTo("cancelled");
  }

  @Test
  void anUnansweredLastCallNeedsNoScoreForTheCampaignToComplete() {
    jdbc.sql("UPDATE calls SET status = 'failed', duration_seconds = 0 WHERE id = :call")
        .param("call", callId)
        .update();

    assertThat(activities.review(campaignId).status()).isEqualTo("completed");
  }

  private String status() {
    return jdbc.sql("SELECT status FROM call_campaigns WHERE id = :id")
        .param("id", campaignId)
        .query(String.class)
        .single();
  }
}
