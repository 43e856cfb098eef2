package dev.outdial.activities.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.billing.CreditLedger;
import dev.outdial.activities.billing.CreditType;
import dev.outdial.activities.billing.CreditsPerMinute;
import dev.outdial.activities.billing.LedgerEntry;
import dev.outdial.activities.billing.LedgerResult;
import dev.outdial.activities.dashboard.DashboardCounts;
import dev.outdial.activities.metrics.PlatformMetrics;
import dev.outdial.workflows.call.BillingActivities;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Debits finished calls through the ledger, once per call. */
public class BillingActivitiesImpl implements BillingActivities {

  private static final Logger log = LoggerFactory.getLogger(BillingActivitiesImpl.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final CreditLedger ledger;
  private final CreditsPerMinute rate;
  private final ObjectMapper json;
  private final DashboardCounts dashboardCounts;

  public BillingActivitiesImpl(
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      CreditLedger ledger,
      CreditsPerMinute rate,
      ObjectMapper json) {
    this.jdbc = jdbc;
    this.dashboardCounts = new DashboardCounts(jdbc);
    this.transaction = new TransactionTemplate(transactionManager);
    this.ledger = ledger;
    this.rate = rate;
    this.json = json;
  }

  record CallToBill(
      UUID userId,
      UUID agentId,
      String status,
      int durationSeconds,
      String bolnaExecutionId,
      boolean voicemail) {}

  @Override
  public int debitCall(UUID callId) {
    return transaction.execute(
        status -> {
          CallToBill call =
              jdbc.sql(
                      "SELECT user_id, agent_id, status, duration_seconds, bolna_execution_id,"
                          + " COALESCE(metadata->>'outcome' = 'voicemail', false) AS voicemail"
                          + " FROM calls WHERE id = :id FOR NO KEY UPDATE")
                  .param("id", callId)
                  .query(CallToBill.class)
                  .single();
          // A voicemail has a duration only where the platform bills voicemails.
          int credits =
              "completed".equals(call.status()) || call.voicemail()
                  ? rate.credits(call.durationSeconds())
                  : 0;
          if (credits == 0) {
            return 0;
          }
          LedgerEntry entry =
              LedgerEntry.of(
                      call.userId(),
                      CreditType.USAGE,
                      -credits,
                      "Call "
                          + call.bolnaExecutionId()
                          + " ("
                          + CreditsPerMinute.minutes(call.durationSeconds())
                          + " min)")
                  .withCallId(callId)
                  .withIdempotencyKey("call-usage:" + callId);
          LedgerResult result = ledger.applyClamped(entry);
          if (result.duplicate()) {
            return jdbc.sql("SELECT credits_used FROM calls WHERE id = :id")
                .param("id", callId)
                .query(Integer.class)
                .single();
          }
          int debited = -result.applied();
          int shortfall = result.shortfall(entry);
          jdbc.sql(
                  """
                  UPDATE calls SET credits_used = :debited,
                    metadata = metadata || CAST(:extra AS jsonb), updated_at = now()
                  WHERE id = :id
                  """)
              .param("debited", debited)
              .param(
                  "extra", write(shortfall > 0 ? Map.of("credit_shortfall", shortfall) : Map.of()))
              .param("id", callId)
              .update();
          dashboardCounts.recountLater(callId);
          PlatformMetrics.creditsDebited(debited);
          if (shortfall > 0) {
            log.warn(
                "Call {} cost {} credits; the balance covered {} (short {})",
                callId,
                credits,
                debited,
                shortfall);
          }
          return debited;
        });
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
