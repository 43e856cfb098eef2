package dev.outdial.activities.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.contact.DoNotCallList;
import dev.outdial.activities.dashboard.DashboardCounts;
import dev.outdial.workflows.call.LeadActivities;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Scores finished calls into lead_analytics; flags contacts who asked not to be called. */
public class LeadActivitiesImpl implements LeadActivities {

  private static final Logger log = LoggerFactory.getLogger(LeadActivitiesImpl.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final LeadScorer scorer;
  private final ObjectMapper json;
  private final DoNotCallList doNotCall;
  private final DashboardCounts dashboardCounts;

  public LeadActivitiesImpl(
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      LeadScorer scorer,
      ObjectMapper json) {
    this.jdbc = jdbc;
    this.doNotCall = new DoNotCallList(jdbc);
    this.dashboardCounts = new DashboardCounts(jdbc);
    this.transaction = new TransactionTemplate(transactionManager);
    this.scorer = scorer;
    this.json = json;
  }

  record ScoringInput(UUID userId, UUID contactId, String transcript, String bolnaMetadata) {}

  @Override
  public void scoreCall(UUID callId) {
    ScoringInput input =
        jdbc.sql(
                """
                SELECT c.user_id, c.contact_id, t.content AS transcript, c.bolna_metadata::text AS bolna_metadata
                FROM calls c LEFT JOIN transcripts t ON t.id = c.transcript_id
                WHERE c.id = :id
                """)
            .param("id", callId)
            .query(ScoringInput.class)
            .single();
    JsonNode extracted = null;
    try {
      extracted =
          input.bolnaMetadata() == null
              ? null
              : json.readTree(input.bolnaMetadata()).path("extracted_data");
    } catch (JsonProcessingException e) {
      log.warn("Call {} has unreadable bolna_metadata; scoring the transcript alone", callId);
    }
    LeadScore score = scorer.score(input.transcript(), extracted);
    transaction.executeWithoutResult(
        status -> {
          int written =
              jdbc.sql(
                      """
                      INSERT INTO lead_analytics (call_id, user_id, intent_level, intent_score, urgency_level,
                        urgency_score, budget_constraint, budget_score, fit_alignment, fit_score,
                        engagement_health, engagement_score, total_score, lead_status_tag,
                        reasoning, cta_interactions)
                      VALUES (:callId, :userId, :intentLevel, :intentScore, :urgencyLevel, :urgencyScore,
                        :budgetConstraint, :budgetScore, :fitAlignment, :fitScore,
                        :engagementHealth, :engagementScore, :totalScore, :tag,
                        CAST(:reasoning AS jsonb), CAST(:cta AS jsonb))
                      ON CONFLICT (call_id) DO NOTHING
                      """)
                  .param("callId", callId)
                  .param("userId", input.userId())
                  .param("intentLevel", score.intentLevel())
                  .param("intentScore", score.intentScore())
                  .param("urgencyLevel", score.urgencyLevel())
                  .param("urgencyScore", score.urgencyScore())
                  .param("budgetConstraint", score.budgetConstraint())
                  .param("budgetScore", score.budgetScore())
                  .param("fitAlignment", score.fitAlignment())
                  .param("fitScore", score.fitScore())
                  .param("engagementHealth", score.engagementHealth())
                  .param("engagementScore", score.engagementScore())
                  .param("totalScore", score.totalScore())
                  .param("tag", score.leadStatusTag())
                  .param("reasoning", write(score.reasoning()))
                  .param("cta", write(score.ctaInteractions()))
                  .update();
          if (written == 1 && score.doNotCall() && input.contactId() != null) {
            record Callee(UUID userId, String phoneNumber) {}
            Callee callee =
                jdbc.sql(
                        """
                        UPDATE contacts SET do_not_call = true, updated_at = now() WHERE id = :id
                        RETURNING user_id, phone_number
                        """)
                    .param("id", input.contactId())
                    .query(Callee.class)
                    .single();
            doNotCall.add(
                callee.userId(),
                callee.phoneNumber(),
                "asked not to be called again on call " + callId,
                DoNotCallList.CALLEE,
                null);
            log.info("Contact {} asked not to be called again; flagged", input.contactId());
          }
          if (written == 1) {
            dashboardCounts.recountLater(callId);
          }
        });
    log.info("Call {} scored {} ({})", callId, score.totalScore(), score.leadStatusTag());
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
