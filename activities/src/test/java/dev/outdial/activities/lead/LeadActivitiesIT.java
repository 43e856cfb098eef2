package dev.outdial.activities.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.dashboard.DashboardCounts;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Scoring on real Postgres: what a callee says changes who may be called again. */
class LeadActivitiesIT {

  private JdbcClient jdbc;
  private LeadActivitiesImpl leads;
  private TestRows rows;

  @BeforeEach
  void setUp() {
    DataSource dataSource = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(dataSource);
    leads =
        new LeadActivitiesImpl(
            jdbc,
            new DataSourceTransactionManager(dataSource),
            new KeywordLeadScorer(),
            new ObjectMapper());
    rows = new TestRows(jdbc);
  }

  private UUID answeredCall(UUID user, UUID agent, UUID contact, String phone, String transcript) {
    UUID call =
        jdbc.sql(
                """
                INSERT INTO calls (agent_id, user_id, contact_id, bolna_execution_id, phone_number,
                                   status, duration_seconds)
                VALUES (:a, :u, :c, :e, :p, 'completed', 60) RETURNING id
                """)
            .param("a", agent)
            .param("u", user)
            .param("c", contact)
            .param("e", "exec-" + UUID.randomUUID())
            .param("p", phone)
            .query(UUID.class)
            .single();
    UUID transcriptId =
        jdbc.sql("INSERT INTO transcripts (call_id, content) VALUES (:c, :t) RETURNING id")
            .param("c", call)
            .param("t", transcript)
            .query(UUID.class)
            .single();
    jdbc.sql("UPDATE calls SET transcript_id = :t WHERE id = :c")
        .param("t", transcriptId)
        .param("c", call)
        .update();
    return call;
  }

  @Test
  void aCalleeWhoAsksNotToBeCalledIsListedAndTheirQueuedCallsAreClosed() {
    UUID user = rows.user(15, 2);
    UUID agent = rows.agent(user);
    String phone = "+14155550123";
    UUID contact = rows.contact(user, "Ada", phone);
    UUID campaign =
        rows.activeCampaign(user, agent, LocalTime.of(9, 0), LocalTime.of(17, 0), "UTC");
    jdbc.sql(
            """
            INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                                    position, scheduled_for, timezone)
            VALUES (:u, :c, :a, :contact, :p, 1, now(), 'UTC')
            """)
        .param("u", user)
        .param("c", campaign)
        .param("a", agent)
        .param("contact", contact)
        .param("p", phone)
        .update();
    UUID call =
        answeredCall(
            user,
            agent,
            contact,
            phone,
            "assistant: Hi Ada, is now a good time?\nuser: No. Please do not call me again.");

    leads.scoreCall(call);

    assertThat(
            jdbc.sql("SELECT do_not_call FROM contacts WHERE id = :id")
                .param("id", contact)
                .query(Boolean.class)
                .single())
        .isTrue();
    assertThat(
            jdbc.sql(
                    "SELECT source FROM do_not_call_numbers WHERE user_id = :u AND phone_number = :p")
                .param("u", user)
                .param("p", phone)
                .query(String.class)
                .single())
        .isEqualTo("callee");
    assertThat(
            jdbc.sql("SELECT status FROM call_queue WHERE campaign_id = :c")
                .param("c", campaign)
                .query(String.class)
                .single())
        .isEqualTo("skipped");
  }

  @Test
  void aCalleeWhoIsInterestedStaysCallable() {
    UUID user = rows.user(15, 2);
    UUID agent = rows.agent(user);
    UUID contact = rows.contact(user, "Bo", "+14155550124");
    UUID call =
        answeredCall(
            user, agent, contact, "+14155550124", "user: Sounds great, book a demo please.");

    leads.scoreCall(call);

    assertThat(jdbc.sql("SELECT count(*) FROM do_not_call_numbers").query(Integer.class).single())
        .isZero();
  }

  @Test
  void theScoreIsStoredWithBolnasExtractedInterestAndCountedOnTheAgentsDay() {
    UUID user = rows.user(15, 2);
    UUID agent = rows.agent(user);
    UUID contact = rows.contact(user, "Cy", "+14155550125");
    UUID call =
        answeredCall(
            user,
            agent,
            contact,
            "+14155550125",
            "assistant: Hi Cy\nuser: We need a tool like this, send me the pricing please.");
    jdbc.sql("UPDATE calls SET bolna_metadata = CAST(:m AS jsonb) WHERE id = :c")
        .param("m", "{\"extracted_data\": {\"interested\": true}}")
        .param("c", call)
        .update();

    leads.scoreCall(call);

    record Stored(
        UUID userId,
        String intentLevel,
        int intentScore,
        int budgetScore,
        String fitAlignment,
        int fitScore,
        int engagementScore,
        int totalScore,
        String leadStatusTag,
        String intentReasoning,
        boolean pricingAsked,
        boolean demoBooked) {}
    Stored stored =
        jdbc.sql(
                """
                SELECT user_id, intent_level, intent_score, budget_score, fit_alignment, fit_score,
                       engagement_score, total_score, lead_status_tag,
                       reasoning->>'intent' AS intent_reasoning,
                       (cta_interactions->>'pricing_asked')::boolean AS pricing_asked,
                       (cta_interactions->>'demo_booked')::boolean AS demo_booked
                FROM lead_analytics WHERE call_id = :c
                """)
            .param("c", call)
            .query(Stored.class)
            .single();
    // intent 50 + 10 'send me' + 20 extracted; urgency 50; budget 60; fit 70; engagement 10 + 8 +
    // 11 words / 4 = 20
    assertThat(stored)
        .isEqualTo(
            new Stored(
                user,
                "high",
                80,
                60,
                "high",
                70,
                20,
                62,
                "Warm",
                "[\"+10 'send me'\", \"+20 extracted_data.interested=true\"]",
                true,
                false));
    // The scored call was queued for its day's recount, which the app's recounter does next.
    assertThat(new DashboardCounts(jdbc).recountQueued(100)).isEqualTo(1);
    record Day(BigDecimal avgTotalScore, int ctaInteractionsPositive) {}
    assertThat(
            jdbc.sql(
                    """
                    SELECT avg_total_score, cta_interactions_positive
                    FROM agent_analytics WHERE agent_id = :a
                    """)
                .param("a", agent)
                .query(Day.class)
                .single())
        .satisfies(
            day -> {
              assertThat(day.avgTotalScore()).isEqualByComparingTo("62");
              assertThat(day.ctaInteractionsPositive()).isEqualTo(1);
            });
  }
}
