package dev.outdial.activities.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.billing.CreditLedger;
import dev.outdial.activities.billing.CreditsPerMinute;
import dev.outdial.activities.call.BillingActivitiesImpl;
import dev.outdial.activities.call.CallActivitiesImpl;
import dev.outdial.activities.dispatch.DialGate;
import dev.outdial.activities.lead.KeywordLeadScorer;
import dev.outdial.activities.lead.LeadActivitiesImpl;
import dev.outdial.workflows.call.FinalizeCall;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Calls of one user made and ended the way the platform ends them: Bolna's webhook recorded, then
 * the real finalize, debit and scoring activities, so every count they keep is written.
 */
final class CallsThatFinish {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;
  private final UUID user;
  private final CallActivitiesImpl calls;
  private final BillingActivitiesImpl billing;
  private final LeadActivitiesImpl leads;
  private final DashboardCounts counts;
  private final TransactionTemplate transaction;

  CallsThatFinish(JdbcClient jdbc, PlatformTransactionManager transactions, UUID user) {
    this.jdbc = jdbc;
    this.user = user;
    counts = new DashboardCounts(jdbc);
    transaction = new TransactionTemplate(transactions);
    calls =
        new CallActivitiesImpl(
            jdbc,
            transactions,
            () -> {
              throw new IllegalStateException("finalizing asks Bolna nothing");
            },
            JSON,
            Clock.systemUTC(),
            new DialGate(jdbc, () -> null, 450, new CreditsPerMinute(1), Clock.systemUTC()));
    billing =
        new BillingActivitiesImpl(
            jdbc,
            transactions,
            new CreditLedger(jdbc, transactions),
            new CreditsPerMinute(1),
            JSON);
    leads = new LeadActivitiesImpl(jdbc, transactions, new KeywordLeadScorer(), JSON);
  }

  /** A call placed at {@code createdAt}, still in progress. */
  UUID dialed(UUID agentId, Instant createdAt) {
    return jdbc.sql(
            """
            INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number, created_at)
            VALUES (:a, :u, :e, '+14155550177', :at)
            RETURNING id
            """)
        .param("a", agentId)
        .param("u", user)
        .param("e", "exec-" + UUID.randomUUID())
        .param("at", Timestamp.from(createdAt))
        .query(UUID.class)
        .single();
  }

  /** A call placed at {@code createdAt}, ended with Bolna's {@code status}, billed and scored. */
  UUID finished(UUID agentId, Instant createdAt, String status, int seconds, String transcript) {
    UUID callId = dialed(agentId, createdAt);
    webhook(callId, status, seconds, transcript);
    finalizeAndBill(callId, status);
    if ("completed".equals(status) && seconds > 0) {
      leads.scoreCall(callId);
    }
    recountQueued();
    return callId;
  }

  /** What the app's recounter does every second: recounts what the queued calls count in. */
  void recountQueued() {
    while (transaction.execute(status -> counts.recountQueued(100)) > 0) {}
  }

  /** Records Bolna's final webhook of a dialed call, without finalizing it. */
  void webhook(UUID callId, String status, int seconds, String transcript) {
    String executionId = executionOf(callId);
    jdbc.sql(
            """
            INSERT INTO webhook_events (execution_id, status, payload)
            VALUES (:e, :s, CAST(:p AS jsonb))
            """)
        .param("e", executionId)
        .param("s", status)
        .param(
            "p",
            JSON.createObjectNode()
                .put("id", executionId)
                .put("status", status)
                .put("conversation_duration", seconds)
                .put("transcript", transcript)
                .toString())
        .update();
  }

  /** Finalizes and bills a dialed call whose webhook was recorded, and recounts it. */
  void finalizeAndBill(UUID callId, String status) {
    finalizeAndBillOnly(callId, status);
    recountQueued();
  }

  /** Finalizes and bills a dialed call whose webhook was recorded; its recount stays queued. */
  void finalizeAndBillOnly(UUID callId, String status) {
    calls.finalizeCall(
        new FinalizeCall(callId, executionOf(callId), null, null, 1, status, null, false));
    billing.debitCall(callId);
  }

  private String executionOf(UUID callId) {
    return jdbc.sql("SELECT bolna_execution_id FROM calls WHERE id = :id")
        .param("id", callId)
        .query(String.class)
        .single();
  }
}
