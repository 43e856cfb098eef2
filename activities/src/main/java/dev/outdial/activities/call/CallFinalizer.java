package dev.outdial.activities.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.billing.CreditsPerMinute;
import dev.outdial.activities.bolna.BolnaExecution;
import dev.outdial.activities.campaign.CallQueue;
import dev.outdial.activities.dashboard.DashboardCounts;
import dev.outdial.activities.metrics.PlatformMetrics;
import dev.outdial.workflows.call.CloseWithoutCall;
import dev.outdial.workflows.call.FinalizeCall;
import dev.outdial.workflows.call.Finalized;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes a finished call everywhere it shows, inside the caller's transaction: the call row,
 * transcript, contact, queue item, campaign counters and the dashboards' counts. A call that is no
 * longer {@code in_progress} was finalized before, and nothing is written twice.
 */
class CallFinalizer {

  private static final Logger log = LoggerFactory.getLogger(CallFinalizer.class);

  /** The status a call ends with when Bolna never told its end (ours, not Bolna's). */
  static final String UNKNOWN = "unknown";

  static final String VOICEMAIL = "voicemail";

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;
  private final boolean billVoicemail;
  private final CallQueue queue;
  private final OneOffQueue oneOffs;
  private final DashboardCounts dashboardCounts;

  CallFinalizer(JdbcClient jdbc, ObjectMapper json, Clock clock, boolean billVoicemail) {
    this.billVoicemail = billVoicemail;
    this.clock = clock;
    this.queue = new CallQueue(jdbc);
    this.oneOffs = new OneOffQueue(jdbc);
    this.dashboardCounts = new DashboardCounts(jdbc);
    this.jdbc = jdbc;
    this.json = json;
  }

  record CallRow(
      UUID id,
      UUID userId,
      UUID agentId,
      UUID contactId,
      String status,
      int durationSeconds,
      String callLifecycleStatus) {}

  Finalized finalizeCall(FinalizeCall request) {
    CallRow call =
        findCall(request)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "No call row for execution " + request.executionId()));
    if (!"in_progress".equals(call.status())) {
      boolean answered = "completed".equals(call.status());
      return new Finalized(
          call.id(),
          answered,
          !answered && notConnectedStatus(call.callLifecycleStatus()),
          call.durationSeconds(),
          call.status());
    }

    Optional<BolnaExecution> payload = latestPayload(request.executionId(), request.status());
    String status = request.status();
    int seconds = payload.map(BolnaExecution::durationSeconds).orElse(0);
    boolean voicemail =
        payload.map(p -> Boolean.TRUE.equals(p.answeredByVoiceMail())).orElse(false);
    boolean answered = "completed".equals(status) && seconds > 0 && !voicemail;
    // A voicemail is its own outcome: not a conversation, and dialed again only when the campaign
    // asks for it. A call whose end never came is not dialed again: it may have happened.
    boolean unknown = UNKNOWN.equals(status);
    boolean notConnected =
        !answered
            && !unknown
            && (voicemail ? retryOnVoicemail(request.campaignId()) : notConnectedStatus(status));
    String callStatus = answered ? "completed" : unknown ? UNKNOWN : "failed";
    boolean billedVoicemail = voicemail && billVoicemail && seconds > 0;
    int billedSeconds = answered || billedVoicemail ? seconds : 0;
    boolean finalForItem = answered || !request.retryPossible() || !notConnected;

    UUID transcriptId = payload.flatMap(p -> insertTranscript(call.id(), p)).orElse(null);
    var telephony = payload.map(BolnaExecution::telephony).orElse(null);
    jdbc.sql(
            """
            UPDATE calls SET
              status = :status,
              call_lifecycle_status = :lifecycle,
              duration_seconds = :seconds,
              duration_minutes = :minutes,
              recording_url = COALESCE(:recordingUrl, recording_url),
              hangup_by = :hangupBy,
              hangup_reason = :hangupReason,
              hangup_provider_code = :hangupCode,
              transcript_id = COALESCE(:transcriptId, transcript_id),
              bolna_metadata = COALESCE(CAST(:raw AS jsonb), bolna_metadata),
              caller_name = COALESCE(:callerName, caller_name),
              caller_email = COALESCE(:callerEmail, caller_email),
              metadata = metadata || CAST(:metadata AS jsonb),
              call_disconnected_at = COALESCE(call_disconnected_at, now()),
              completed_at = now(),
              updated_at = now()
            WHERE id = :id
            """)
        .param("id", call.id())
        .param("status", callStatus)
        .param("lifecycle", status)
        .param("seconds", billedSeconds)
        .param("minutes", CreditsPerMinute.minutes(billedSeconds))
        .param("recordingUrl", telephony == null ? null : telephony.recordingUrl())
        .param("hangupBy", telephony == null ? null : telephony.hangupBy())
        .param("hangupReason", hangupReason(telephony, request, voicemail))
        .param("hangupCode", telephony == null ? null : telephony.hangupProviderCode())
        .param("transcriptId", transcriptId)
        .param("raw", payload.map(p -> p.raw().toString()).orElse(null))
        .param("callerName", payload.map(p -> extracted(p, "name")).orElse(null))
        .param("callerEmail", payload.map(p -> extracted(p, "email")).orElse(null))
        .param("metadata", write(metadata(request, voicemail)))
        .update();

    if (call.contactId() != null && !answered && !unknown) {
      jdbc.sql(
              "UPDATE contacts SET not_connected = not_connected + 1, updated_at = now() WHERE id = :id")
          .param("id", call.contactId())
          .update();
    }
    updateQueueItem(request, answered, finalForItem, status);
    updateOneOffRequest(call.id(), request, answered, finalForItem, status);
    if (finalForItem && request.campaignId() != null) {
      jdbc.sql(
              """
              UPDATE call_campaigns SET
                completed_calls = completed_calls + 1,
                successful_calls = successful_calls + CASE WHEN :answered THEN 1 ELSE 0 END,
                failed_calls = failed_calls + CASE WHEN :answered THEN 0 ELSE 1 END,
                updated_at = now()
              WHERE id = :id
              """)
          .param("answered", answered)
          .param("id", request.campaignId())
          .update();
    }
    dashboardCounts.recountLater(call.id());
    PlatformMetrics.callFinished(status);
    log.info(
        "Finalized call {} (execution {}): {} {}s{}",
        call.id(),
        request.executionId(),
        status,
        seconds,
        answered ? "" : ", not answered");
    return new Finalized(
        call.id(), answered, notConnected, billedSeconds, callStatus, billedVoicemail);
  }

  /** Bolna's hangup reason, else why the call ended without one. */
  private static String hangupReason(
      BolnaExecution.Telephony telephony, FinalizeCall request, boolean voicemail) {
    String given = telephony == null ? null : telephony.hangupReason();
    if (given != null && !given.isBlank()) {
      return given;
    }
    return voicemail ? VOICEMAIL : request.reason();
  }

  private static java.util.Map<String, Object> metadata(FinalizeCall request, boolean voicemail) {
    java.util.Map<String, Object> metadata = new java.util.LinkedHashMap<>();
    if (request.reason() != null) {
      metadata.put("failure_reason", request.reason());
    }
    if (voicemail) {
      metadata.put("outcome", VOICEMAIL);
    }
    return metadata;
  }

  private boolean retryOnVoicemail(UUID campaignId) {
    return campaignId != null
        && jdbc.sql("SELECT retry_on_voicemail FROM call_campaigns WHERE id = :id")
            .param("id", campaignId)
            .query(Boolean.class)
            .optional()
            .orElse(false);
  }

  void closeWithoutCall(CloseWithoutCall request) {
    if (request.queueItemId() == null) {
      oneOffs.close(request.workflowId(), request.status(), request.reason());
      return;
    }
    if ("queued".equals(request.status())) {
      // Back to the queue without an attempt spent: it was never dialed.
      queue.giveBack(request.queueItemId(), java.time.Instant.EPOCH, request.reason());
      return;
    }
    queue.close(request.queueItemId(), request.status(), request.reason());
  }

  /**
   * Gives an allocated item's slot back without spending an attempt: it was never dialed, and is
   * due again at {@code at}.
   */
  void requeue(UUID queueItemId, String workflowId, java.time.Instant at, String reason) {
    if (queueItemId == null) {
      oneOffs.giveBack(workflowId, at, reason);
      return;
    }
    queue.giveBack(queueItemId, at, reason);
  }

  /** A queued one-off call ends, or goes back to its queue until its retry delay has passed. */
  private void updateOneOffRequest(
      UUID callId, FinalizeCall request, boolean answered, boolean finalForItem, String status) {
    if (request.queueItemId() != null) {
      return;
    }
    if (finalForItem) {
      oneOffs.finish(callId, answered, request.reason() != null ? request.reason() : status);
    } else {
      oneOffs.retryLater(callId, clock.instant(), status);
    }
  }

  private void updateQueueItem(
      FinalizeCall request, boolean answered, boolean finalForItem, String status) {
    if (request.queueItemId() == null) {
      return;
    }
    if (finalForItem) {
      queue.finish(
          request.queueItemId(), answered, request.reason() != null ? request.reason() : status);
    } else {
      queue.retryLater(request.queueItemId(), clock.instant(), status);
    }
  }

  private Optional<CallRow> findCall(FinalizeCall request) {
    String sql =
        "SELECT id, user_id, agent_id, contact_id, status, duration_seconds, call_lifecycle_status"
            + " FROM calls WHERE "
            + (request.callId() != null ? "id = :key" : "bolna_execution_id = :key")
            + " FOR NO KEY UPDATE";
    return jdbc.sql(sql)
        .param("key", request.callId() != null ? request.callId() : request.executionId())
        .query(CallRow.class)
        .optional();
  }

  /** The payload of the final status if it came, else the latest one of any status. */
  private Optional<BolnaExecution> latestPayload(String executionId, String status) {
    return jdbc.sql(
            """
            SELECT payload::text FROM webhook_events
            WHERE execution_id = :executionId AND payload IS NOT NULL
            ORDER BY (status = :status) DESC,
                     (status = 'call-disconnected') DESC,
                     received_at DESC
            LIMIT 1
            """)
        .param("executionId", executionId)
        .param("status", status)
        .query(String.class)
        .optional()
        .map(BolnaExecution::parse);
  }

  private Optional<UUID> insertTranscript(UUID callId, BolnaExecution payload) {
    String transcript = payload.transcript();
    if (transcript == null) {
      // call-disconnected often carries the transcript that completed leaves out.
      transcript =
          jdbc.sql(
                  """
                  SELECT payload->>'transcript' FROM webhook_events
                  WHERE execution_id = :executionId AND payload->>'transcript' <> ''
                  ORDER BY received_at DESC LIMIT 1
                  """)
              .param("executionId", payload.id())
              .query(String.class)
              .optional()
              .orElse(null);
    }
    if (transcript == null || transcript.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        jdbc.sql(
                """
                INSERT INTO transcripts (call_id, content, speaker_segments)
                VALUES (:callId, :content, CAST(:segments AS jsonb))
                RETURNING id
                """)
            .param("callId", callId)
            .param("content", transcript)
            .param("segments", write(Transcripts.segments(transcript)))
            .query(UUID.class)
            .single());
  }

  private static String extracted(BolnaExecution payload, String field) {
    if (payload.extractedData() == null) {
      return null;
    }
    var value = payload.extractedData().path(field);
    return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }

  static boolean notConnectedStatus(String status) {
    return status != null
        && switch (status) {
          case "busy", "no-answer", "completed", "canceled", "failed", "error" -> true;
          default -> false;
        };
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
