package dev.outdial.activities.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.billing.CreditLedger;
import dev.outdial.activities.billing.CreditsPerMinute;
import dev.outdial.activities.dispatch.DialGate;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import dev.outdial.workflows.call.FinalizeCall;
import dev.outdial.workflows.call.Finalized;
import java.sql.Time;
import java.time.Clock;
import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** How a call's end is written, on real Postgres: voicemail and calls whose end never came. */
class CallFinalizerIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JdbcClient jdbc;
  private DataSource dataSource;
  private CallActivitiesImpl calls;
  private TestRows rows;

  @BeforeEach
  void setUp() {
    dataSource = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(dataSource);
    calls = calls(false);
    rows = new TestRows(jdbc);
  }

  private CallActivitiesImpl calls(boolean billVoicemail) {
    return new CallActivitiesImpl(
        jdbc,
        new DataSourceTransactionManager(dataSource),
        () -> {
          throw new IllegalStateException("finalizing asks Bolna nothing");
        },
        JSON,
        Clock.systemUTC(),
        new DialGate(jdbc, () -> null, 450, new CreditsPerMinute(1), Clock.systemUTC()),
        billVoicemail);
  }

  private BillingActivitiesImpl billing() {
    var transactions = new DataSourceTransactionManager(dataSource);
    return new BillingActivitiesImpl(
        jdbc, transactions, new CreditLedger(jdbc, transactions), new CreditsPerMinute(1), JSON);
  }

  record Dialed(UUID callId, UUID itemId, UUID campaignId, UUID contactId, String executionId) {}

  /** A campaign item being called, its call in progress, and Bolna's final payload stored. */
  private Dialed dialed(boolean retryOnVoicemail, String finalPayload) {
    UUID user = rows.user(15, 2);
    UUID agent = rows.agent(user);
    UUID contact = rows.contact(user, "Ada", "+14155550177");
    UUID campaign =
        jdbc.sql(
                """
                INSERT INTO call_campaigns (user_id, name, agent_id, next_action, first_call_time,
                  last_call_time, start_date, status, retry_on_voicemail, max_attempts)
                VALUES (:u, 'C', :a, 'Sell', :first, :last, '2026-03-01', 'active', :retry, 3)
                RETURNING id
                """)
            .param("u", user)
            .param("a", agent)
            .param("first", Time.valueOf(LocalTime.of(9, 0)))
            .param("last", Time.valueOf(LocalTime.of(17, 0)))
            .param("retry", retryOnVoicemail)
            .query(UUID.class)
            .single();
    String executionId = "exec-" + UUID.randomUUID();
    UUID call =
        jdbc.sql(
                """
                INSERT INTO calls (agent_id, user_id, contact_id, bolna_execution_id, phone_number)
                VALUES (:a, :u, :c, :e, '+14155550177') RETURNING id
                """)
            .param("a", agent)
            .param("u", user)
            .param("c", contact)
            .param("e", executionId)
            .query(UUID.class)
            .single();
    UUID item =
        jdbc.sql(
                """
                INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                                        position, scheduled_for, status, call_id, attempts)
                VALUES (:u, :c, :a, :contact, '+14155550177', 1, now(), 'processing', :call, 1)
                RETURNING id
                """)
            .param("u", user)
            .param("c", campaign)
            .param("a", agent)
            .param("contact", contact)
            .param("call", call)
            .query(UUID.class)
            .single();
    if (finalPayload != null) {
      jdbc.sql(
              """
              INSERT INTO webhook_events (execution_id, status, payload)
              VALUES (:e, 'completed', CAST(:p AS jsonb))
              """)
          .param("e", executionId)
          .param("p", finalPayload.formatted(executionId))
          .update();
    }
    return new Dialed(call, item, campaign, contact, executionId);
  }

  private static final String VOICEMAIL =
      """
      {"id": "%s", "status": "completed", "conversation_duration": 25,
       "answered_by_voice_mail": true, "transcript": "assistant: Hi\\nuser: Leave a message",
       "telephony_data": {"duration": "25", "hangup_by": "Callee"}}
      """;

  private Finalized finalize(Dialed dialed, String status, String reason) {
    return finalize(calls, dialed, status, reason);
  }

  /** The first attempt of {@code dialed}, attempts left, finalized by {@code by}. */
  private static Finalized finalize(
      CallActivitiesImpl by, Dialed dialed, String status, String reason) {
    return by.finalizeCall(
        new FinalizeCall(
            dialed.callId(),
            dialed.executionId(),
            dialed.itemId(),
            dialed.campaignId(),
            1,
            status,
            reason,
            true));
  }

  private Map<String, Object> row(String table, UUID id) {
    return jdbc.sql("SELECT * FROM " + table + " WHERE id = :id")
        .param("id", id)
        .query()
        .singleRow();
  }

  @Test
  void aVoicemailIsItsOwnOutcomeNotBilledAndNotDialedAgainByDefault() {
    Dialed dialed = dialed(false, VOICEMAIL);

    Finalized finalized = finalize(dialed, "completed", null);

    assertThat(finalized.answered()).isFalse();
    assertThat(finalized.notConnected()).isFalse();
    Map<String, Object> call = row("calls", dialed.callId());
    assertThat(call)
        .containsEntry("status", "failed")
        .containsEntry("hangup_reason", "voicemail")
        .containsEntry("duration_minutes", 0);
    assertThat(call.get("metadata").toString()).contains("\"outcome\": \"voicemail\"");
    assertThat(row("call_queue", dialed.itemId())).containsEntry("status", "failed");
  }

  @Test
  void aVoicemailIsDialedAgainWhenTheCampaignAsksForIt() {
    Dialed dialed = dialed(true, VOICEMAIL);

    Finalized finalized = finalize(dialed, "completed", null);

    assertThat(finalized.notConnected()).isTrue();
    assertThat(row("call_queue", dialed.itemId())).containsEntry("status", "queued");
  }

  @Test
  void aCallWhoseEndNeverCameEndsUnknownUnbilledAndIsNeverDialedAgain() {
    Dialed dialed = dialed(false, null);

    Finalized finalized = finalize(dialed, "unknown", "no final status from Bolna");

    assertThat(finalized.answered()).isFalse();
    assertThat(finalized.notConnected()).isFalse();
    assertThat(finalized.status()).isEqualTo("unknown");
    assertThat(row("calls", dialed.callId())).containsEntry("status", "unknown");
    assertThat(row("call_queue", dialed.itemId()))
        .containsEntry("status", "failed")
        .containsEntry("failure_reason", "no final status from Bolna");
    assertThat(row("contacts", dialed.contactId())).containsEntry("not_connected", 0);
  }

  @Test
  void aVoicemailIsBilledForItsLengthWhereThePlatformBillsVoicemails() {
    CallActivitiesImpl billingVoicemail = calls(true);
    BillingActivitiesImpl billing = billing();
    Dialed dialed = dialed(false, VOICEMAIL);

    Finalized finalized = finalize(billingVoicemail, dialed, "completed", null);
    int credits = billing.debitCall(dialed.callId());

    assertThat(finalized.answered()).isFalse();
    assertThat(finalized.billable()).isTrue();
    assertThat(credits).isEqualTo(1);
    assertThat(row("calls", dialed.callId()))
        .containsEntry("duration_seconds", 25)
        .containsEntry("credits_used", 1);
  }

  @Test
  void aVoicemailCostsNothingWhereThePlatformDoesNotBillThem() {
    BillingActivitiesImpl billing = billing();
    Dialed dialed = dialed(false, VOICEMAIL);

    Finalized finalized = finalize(dialed, "completed", null);

    assertThat(finalized.billable()).isFalse();
    assertThat(billing.debitCall(dialed.callId())).isZero();
  }

  private static final String TWENTY_MINUTES =
      """
      {"id": "%s", "status": "completed", "conversation_duration": 1200,
       "transcript": "assistant: Hi\\nuser: Tell me more",
       "telephony_data": {"duration": "1200", "hangup_by": "Callee"}}
      """;

  @Test
  void aCallLongerThanTheBalanceTakesItToZeroRecordsTheShortfallAndIsDebitedOnce() {
    BillingActivitiesImpl billing = billing();
    Dialed dialed = dialed(false, TWENTY_MINUTES);
    UUID user =
        jdbc.sql("SELECT user_id FROM calls WHERE id = :id")
            .param("id", dialed.callId())
            .query(UUID.class)
            .single();

    finalize(dialed, "completed", null);
    int debited = billing.debitCall(dialed.callId());
    int again = billing.debitCall(dialed.callId());

    assertThat(debited).isEqualTo(15);
    assertThat(again).as("a repeated debit answers what was taken").isEqualTo(15);
    assertThat(row("calls", dialed.callId()))
        .containsEntry("duration_minutes", 20)
        .containsEntry("credits_used", 15);
    assertThat(
            jdbc.sql("SELECT metadata->>'credit_shortfall' FROM calls WHERE id = :id")
                .param("id", dialed.callId())
                .query(String.class)
                .single())
        .isEqualTo("5");
    assertThat(
            jdbc.sql("SELECT credits FROM users WHERE id = :id")
                .param("id", user)
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM credit_transactions WHERE call_id = :id AND type = 'usage'")
                .param("id", dialed.callId())
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  private static final String ANSWERED =
      """
      {"id": "%s", "status": "completed", "conversation_duration": 61,
       "transcript": "assistant: Shall we book a demo?\\nuser: Yes, Tuesday.",
       "extracted_data": {"name": "Ada Lovelace", "email": "ada@example.com", "note": " "},
       "telephony_data": {"duration": "61", "hangup_by": "Callee", "hangup_reason": "Call ended",
                          "hangup_provider_code": 4000,
                          "recording_url": "https://recordings.example/ada.mp3"}}
      """;

  private Map<String, Object> campaignCounts(UUID campaignId) {
    return jdbc.sql(
            "SELECT completed_calls, successful_calls, failed_calls FROM call_campaigns"
                + " WHERE id = :id")
        .param("id", campaignId)
        .query()
        .singleRow();
  }

  @Test
  void anAnsweredCallIsWrittenEverywhereItShows() {
    Dialed dialed = dialed(false, ANSWERED);

    Finalized finalized = finalize(dialed, "completed", null);

    assertThat(finalized.answered()).isTrue();
    assertThat(finalized.notConnected()).isFalse();
    assertThat(finalized.status()).isEqualTo("completed");
    assertThat(finalized.durationSeconds()).isEqualTo(61);
    assertThat(finalized.billable())
        .as("only a voicemail is billable without being answered")
        .isFalse();
    Map<String, Object> call = row("calls", dialed.callId());
    assertThat(call)
        .containsEntry("status", "completed")
        .containsEntry("call_lifecycle_status", "completed")
        .containsEntry("duration_seconds", 61)
        .containsEntry("duration_minutes", 2)
        .containsEntry("hangup_by", "Callee")
        .containsEntry("hangup_reason", "Call ended")
        .containsEntry("hangup_provider_code", 4000)
        .containsEntry("recording_url", "https://recordings.example/ada.mp3")
        .containsEntry("caller_name", "Ada Lovelace")
        .containsEntry("caller_email", "ada@example.com");
    assertThat(call.get("completed_at")).isNotNull();
    assertThat(call.get("call_disconnected_at")).isNotNull();
    assertThat(call.get("metadata").toString()).doesNotContain("failure_reason");
    assertThat(
            jdbc.sql(
                    "SELECT content, speaker_segments::text FROM transcripts WHERE id = :id"
                        + " AND call_id = :call")
                .param("id", call.get("transcript_id"))
                .param("call", dialed.callId())
                .query()
                .singleRow())
        .containsEntry("content", "assistant: Shall we book a demo?\nuser: Yes, Tuesday.")
        .containsEntry(
            "speaker_segments",
            "[{\"text\": \"Shall we book a demo?\", \"speaker\": \"assistant\"},"
                + " {\"text\": \"Yes, Tuesday.\", \"speaker\": \"user\"}]");
    assertThat(row("call_queue", dialed.itemId()))
        .containsEntry("status", "completed")
        .containsEntry("failure_reason", null);
    assertThat(row("contacts", dialed.contactId())).containsEntry("not_connected", 0);
    assertThat(campaignCounts(dialed.campaignId()))
        .containsEntry("completed_calls", 1)
        .containsEntry("successful_calls", 1)
        .containsEntry("failed_calls", 0);
  }

  @Test
  void aCallFinalizedTwiceIsWrittenOnceAndAnsweredTheSame() {
    Dialed dialed = dialed(false, ANSWERED);

    Finalized first = finalize(dialed, "completed", null);
    Finalized again = finalize(dialed, "busy", "a late repeat");
    Finalized byExecution =
        calls.finalizeCall(
            new FinalizeCall(
                null,
                dialed.executionId(),
                dialed.itemId(),
                dialed.campaignId(),
                1,
                "completed",
                null,
                true));

    assertThat(again.callId()).isEqualTo(first.callId());
    assertThat(again.answered()).isTrue();
    assertThat(again.notConnected()).isFalse();
    assertThat(again.status()).isEqualTo("completed");
    assertThat(byExecution.callId()).isEqualTo(dialed.callId());
    assertThat(campaignCounts(dialed.campaignId())).containsEntry("completed_calls", 1);
    assertThat(
            jdbc.sql("SELECT count(*) FROM transcripts WHERE call_id = :id")
                .param("id", dialed.callId())
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aFinishedCallNobodyAnsweredIsNotConnectedOnItsLaterFinalizing() {
    Dialed dialed = dialed(false, null);
    finalize(dialed, "busy", null);

    Finalized again = finalize(dialed, "busy", null);

    assertThat(again.answered()).isFalse();
    assertThat(again.notConnected()).isTrue();
  }

  @Test
  void aBusyRecipientWithAttemptsLeftGoesBackToTheQueueAndCountsAsNotConnected() {
    Dialed dialed = dialed(false, null);

    Finalized finalized = finalize(dialed, "busy", null);

    assertThat(finalized.answered()).isFalse();
    assertThat(finalized.notConnected()).isTrue();
    assertThat(finalized.billable()).isFalse();
    Map<String, Object> call = row("calls", dialed.callId());
    assertThat(call)
        .containsEntry("status", "failed")
        .containsEntry("call_lifecycle_status", "busy")
        .containsEntry("duration_seconds", 0);
    assertThat(row("call_queue", dialed.itemId()))
        .containsEntry("status", "queued")
        .containsEntry("failure_reason", "busy");
    assertThat(row("contacts", dialed.contactId())).containsEntry("not_connected", 1);
    assertThat(campaignCounts(dialed.campaignId())).containsEntry("completed_calls", 0);
  }

  @Test
  void theLastAttemptNobodyAnsweredFailsTheItemWithItsReason() {
    Dialed dialed = dialed(false, null);

    calls.finalizeCall(
        new FinalizeCall(
            dialed.callId(),
            dialed.executionId(),
            dialed.itemId(),
            dialed.campaignId(),
            3,
            "no-answer",
            "nobody picked up",
            false));

    Map<String, Object> call = row("calls", dialed.callId());
    assertThat(call).containsEntry("hangup_reason", "nobody picked up");
    assertThat(call.get("metadata").toString())
        .contains("\"failure_reason\": \"nobody picked up\"");
    assertThat(row("call_queue", dialed.itemId()))
        .containsEntry("status", "failed")
        .containsEntry("failure_reason", "nobody picked up");
    assertThat(campaignCounts(dialed.campaignId()))
        .containsEntry("completed_calls", 1)
        .containsEntry("successful_calls", 0)
        .containsEntry("failed_calls", 1);
  }

  @Test
  void aCallCompletedWithoutAnyConversationIsNotAnswered() {
    Dialed dialed =
        dialed(false, "{\"id\": \"%s\", \"status\": \"completed\", \"conversation_duration\": 0}");

    Finalized finalized = finalize(dialed, "completed", null);

    assertThat(finalized.answered()).isFalse();
    assertThat(finalized.notConnected()).isTrue();
    assertThat(row("calls", dialed.callId()))
        .containsEntry("status", "failed")
        .as("no extracted data, no caller")
        .containsEntry("caller_name", null)
        .containsEntry("caller_email", null);
  }

  @Test
  void aCallStoppedAtBolnaIsOverAndNotDialedAgain() {
    Dialed dialed = dialed(false, null);

    Finalized finalized = finalize(dialed, "stopped", null);

    assertThat(finalized.notConnected()).isFalse();
    assertThat(row("call_queue", dialed.itemId()))
        .containsEntry("status", "failed")
        .containsEntry("failure_reason", "stopped");
    assertThat(row("contacts", dialed.contactId())).containsEntry("not_connected", 1);
  }

  @Test
  void aVoicemailWithoutLengthCostsNothingEvenWhereVoicemailsAreBilled() {
    Dialed dialed =
        dialed(
            false,
            "{\"id\": \"%s\", \"status\": \"completed\", \"conversation_duration\": 0,"
                + " \"answered_by_voice_mail\": true}");

    Finalized finalized = finalize(calls(true), dialed, "completed", null);

    assertThat(finalized.billable()).isFalse();
  }

  @Test
  void aTranscriptOnlyTheDisconnectionCarriedIsKept() {
    Dialed dialed =
        dialed(false, "{\"id\": \"%s\", \"status\": \"completed\", \"conversation_duration\": 30}");
    jdbc.sql(
            """
            INSERT INTO webhook_events (execution_id, status, payload, received_at)
            VALUES (:e, 'call-disconnected', CAST(:p AS jsonb), now() - interval '1 second')
            """)
        .param("e", dialed.executionId())
        .param(
            "p",
            "{\"id\": \"%s\", \"status\": \"call-disconnected\", \"transcript\": \"user: Bye\"}"
                .formatted(dialed.executionId()))
        .update();

    finalize(dialed, "completed", null);

    assertThat(
            jdbc.sql("SELECT content FROM transcripts WHERE call_id = :id")
                .param("id", dialed.callId())
                .query(String.class)
                .single())
        .isEqualTo("user: Bye");
  }

  @Test
  void aCallWithoutATranscriptHasNone() {
    Dialed dialed =
        dialed(
            false,
            "{\"id\": \"%s\", \"status\": \"completed\", \"conversation_duration\": 30,"
                + " \"transcript\": \"  \"}");

    finalize(dialed, "completed", null);

    assertThat(row("calls", dialed.callId())).containsEntry("transcript_id", null);
  }

  @Test
  void aCallFullyCoveredByTheBalanceRecordsNoShortfall() {
    Dialed dialed = dialed(false, ANSWERED);
    finalize(dialed, "completed", null);

    assertThat(billing().debitCall(dialed.callId())).isEqualTo(2);

    assertThat(row("calls", dialed.callId()).get("metadata").toString())
        .doesNotContain("credit_shortfall");
  }

  /** A one-off call's request, being called, and its call in progress. */
  private Dialed dialedOneOff(String workflowId) {
    UUID user = rows.user(15, 2);
    UUID agent = rows.agent(user);
    OneOffQueue requests = new OneOffQueue(jdbc);
    requests.enqueue(
        workflowId, user, agent, null, "+14155550178", "{}", 2, 120, java.time.Instant.now(), null);
    requests.allocate(workflowId, java.time.Instant.now());
    String executionId = "exec-" + UUID.randomUUID();
    UUID call =
        jdbc.sql(
                """
                INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number)
                VALUES (:a, :u, :e, '+14155550178') RETURNING id
                """)
            .param("a", agent)
            .param("u", user)
            .param("e", executionId)
            .query(UUID.class)
            .single();
    requests.linkCall(workflowId, call);
    return new Dialed(call, null, null, null, executionId);
  }

  private Map<String, Object> request(String workflowId) {
    return jdbc.sql("SELECT status, failure_reason FROM call_requests WHERE workflow_id = :id")
        .param("id", workflowId)
        .query()
        .singleRow();
  }

  private void finalizeOneOff(Dialed dialed, String status, String reason, boolean retryPossible) {
    calls.finalizeCall(
        new FinalizeCall(
            dialed.callId(), dialed.executionId(), null, null, 1, status, reason, retryPossible));
  }

  @Test
  void aOneOffCallsRequestEndsWithItsCallOrWaitsForItsRetry() {
    Dialed busy = dialedOneOff("call-busy");
    Dialed last = dialedOneOff("call-last");
    Dialed unknown = dialedOneOff("call-unknown");

    finalizeOneOff(busy, "busy", null, true);
    finalizeOneOff(last, "no-answer", null, false);
    finalizeOneOff(unknown, "unknown", "no final status", true);

    assertThat(request("call-busy"))
        .containsEntry("status", "queued")
        .containsEntry("failure_reason", "busy");
    assertThat(request("call-last"))
        .containsEntry("status", "failed")
        .containsEntry("failure_reason", "no-answer");
    assertThat(request("call-unknown"))
        .containsEntry("status", "failed")
        .containsEntry("failure_reason", "no final status");
  }

  @Test
  void aCampaignItemClosedWithoutACallGoesBackOnlyWhenItWasNeverDialed() {
    Dialed waiting = dialed(false, null);
    Dialed refused = dialed(false, null);

    calls.closeWithoutCall(
        new dev.outdial.workflows.call.CloseWithoutCall(
            waiting.itemId(), waiting.campaignId(), "queued", "waiting for credits"));
    calls.closeWithoutCall(
        new dev.outdial.workflows.call.CloseWithoutCall(
            refused.itemId(), refused.campaignId(), "failed", "Bolna refused the number"));

    assertThat(row("call_queue", waiting.itemId()))
        .containsEntry("status", "queued")
        .containsEntry("attempts", 0)
        .containsEntry("failure_reason", "waiting for credits");
    assertThat(row("call_queue", refused.itemId()))
        .containsEntry("status", "failed")
        .containsEntry("failure_reason", "Bolna refused the number");
  }
}
