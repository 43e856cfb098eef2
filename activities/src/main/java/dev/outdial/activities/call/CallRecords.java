package dev.outdial.activities.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.bolna.BolnaExecution;
import dev.outdial.workflows.call.ProviderStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The writer of {@code calls} rows while a call lives: the row of a placed call, the lifecycle that
 * Bolna's statuses move (forward only), and the row and caller's contact of an inbound call.
 * Finalizing is {@link CallFinalizer}'s. Runs in the caller's transaction.
 */
public class CallRecords {

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public CallRecords(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public Optional<UUID> findByExecution(String executionId) {
    return jdbc.sql("SELECT id FROM calls WHERE bolna_execution_id = :executionId")
        .param("executionId", executionId)
        .query(UUID.class)
        .optional();
  }

  /**
   * The row of a call Bolna accepted, {@code in_progress}; {@code campaignId} null for one-offs.
   */
  public UUID insertOutbound(
      UUID agentId,
      UUID userId,
      UUID contactId,
      UUID campaignId,
      String executionId,
      String phoneNumber,
      String attemptKey,
      String workflowId) {
    return jdbc.sql(
            """
            INSERT INTO calls (agent_id, user_id, contact_id, campaign_id, bolna_execution_id,
                               phone_number, call_source, lead_type, status, metadata,
                               call_lifecycle_status)
            VALUES (:agentId, :userId, :contactId, :campaignId, :executionId, :phone, 'phone',
                    'outbound', 'in_progress', CAST(:metadata AS jsonb), 'queued')
            RETURNING id
            """)
        .param("agentId", agentId)
        .param("userId", userId)
        .param("contactId", contactId)
        .param("campaignId", campaignId)
        .param("executionId", executionId)
        .param("phone", phoneNumber)
        .param("metadata", write(Map.of("attempt_key", attemptKey, "workflow_id", workflowId)))
        .query(UUID.class)
        .single();
  }

  /**
   * Statuses move forward only: a late ringing never undoes an answered or finished call.
   *
   * @return whether a call of that execution is recorded (0 rows: none yet)
   */
  public boolean moveLifecycle(String executionId, String status) {
    return moveLifecycles(List.of(new ProviderStatus(executionId, status))).recorded(executionId);
  }

  /** The executions among those given that have a call recorded, and which are inbound calls. */
  public record RecordedCalls(Set<String> executionIds, Set<String> inboundExecutionIds) {

    public boolean recorded(String executionId) {
      return executionIds.contains(executionId);
    }

    public boolean inbound(String executionId) {
      return inboundExecutionIds.contains(executionId);
    }
  }

  /**
   * Moves the lifecycle of the calls of many executions in one statement, ending where moving them
   * one status at a time would end: each timestamp is stamped once, by the first status that stamps
   * it, and the lifecycle status goes to the furthest status reported, never back.
   */
  public RecordedCalls moveLifecycles(List<ProviderStatus> statuses) {
    if (statuses.isEmpty()) {
      return new RecordedCalls(Set.of(), Set.of());
    }
    List<Map<String, Object>> moved =
        jdbc.sql(
                """
            WITH moves AS (
              SELECT m.execution_id,
                     max(m.rank) AS rank,
                     (array_agg(m.status ORDER BY m.rank DESC))[1] AS furthest,
                     bool_or(m.status = 'ringing') AS ringing,
                     bool_or(m.status = 'in-progress') AS answered,
                     bool_or(m.status = 'call-disconnected') AS disconnected
              FROM unnest(CAST(:executionIds AS text[]), CAST(:statuses AS text[]),
                          CAST(:ranks AS int[])) AS m(execution_id, status, rank)
              GROUP BY m.execution_id)
            UPDATE calls c SET
              ringing_started_at = CASE WHEN moves.ringing
                THEN COALESCE(c.ringing_started_at, now()) ELSE c.ringing_started_at END,
              call_answered_at = CASE WHEN moves.answered
                THEN COALESCE(c.call_answered_at, now()) ELSE c.call_answered_at END,
              call_disconnected_at = CASE WHEN moves.disconnected
                THEN COALESCE(c.call_disconnected_at, now()) ELSE c.call_disconnected_at END,
              call_lifecycle_status = CASE
                WHEN c.status = 'in_progress' AND moves.rank > COALESCE(
                  array_position(ARRAY['queued','initiated','ringing','in-progress',
                                       'call-disconnected'], c.call_lifecycle_status), 0)
                THEN moves.furthest ELSE c.call_lifecycle_status END,
              updated_at = now()
            FROM moves
            WHERE c.bolna_execution_id = moves.execution_id
            RETURNING c.bolna_execution_id, c.lead_type = 'inbound' AS inbound
            """)
            .param(
                "executionIds",
                statuses.stream().map(ProviderStatus::executionId).toArray(String[]::new))
            .param("statuses", statuses.stream().map(ProviderStatus::status).toArray(String[]::new))
            .param("ranks", statuses.stream().map(s -> rank(s.status())).toArray(Integer[]::new))
            .query()
            .listOfRows();
    Set<String> recorded = new HashSet<>();
    Set<String> inbound = new HashSet<>();
    for (Map<String, Object> call : moved) {
      recorded.add((String) call.get("bolna_execution_id"));
      if (Boolean.TRUE.equals(call.get("inbound"))) {
        inbound.add((String) call.get("bolna_execution_id"));
      }
    }
    return new RecordedCalls(recorded, inbound);
  }

  private static int rank(String status) {
    return switch (status) {
      case "queued" -> 1;
      case "initiated" -> 2;
      case "ringing" -> 3;
      case "in-progress" -> 4;
      case "call-disconnected" -> 5;
      default -> 0;
    };
  }

  /** Whether the execution is an inbound call we have a row of. */
  public boolean isInbound(String executionId) {
    return jdbc.sql(
                "SELECT count(*) FROM calls WHERE bolna_execution_id = :id AND lead_type = 'inbound'")
            .param("id", executionId)
            .query(Integer.class)
            .single()
        > 0;
  }

  /** An inbound call as recorded: whose it is and who called. */
  public record Inbound(UUID callId, UUID userId, UUID agentId, UUID contactId, String caller) {}

  record AgentOwner(UUID id, UUID userId) {}

  /**
   * Records an inbound call Bolna reports on one of our agents: its row, and the caller's contact
   * (found by number, or created from the webhook). Repeating it finds the same row. Empty when the
   * agent is not ours or the caller is unknown.
   */
  public Optional<Inbound> recordInbound(BolnaExecution payload) {
    Optional<AgentOwner> agent =
        jdbc.sql("SELECT id, user_id FROM agents WHERE bolna_agent_id = :bolnaId LIMIT 1")
            .param("bolnaId", payload.agentId())
            .query(AgentOwner.class)
            .optional();
    String caller =
        Optional.ofNullable(payload.telephony().fromNumber()).orElse(payload.userNumber());
    if (agent.isEmpty() || caller == null) {
      return Optional.empty();
    }
    // Calls through a telephony provider come from a phone; web and websocket calls do not.
    String provider = payload.telephony().provider();
    String callSource =
        provider == null || provider.matches("(?i)web|websocket|webrtc|browser|internet")
            ? (provider == null ? "unknown" : "internet")
            : "phone";
    UUID callId =
        jdbc.sql(
                """
                INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number, call_source,
                                   lead_type, status, call_lifecycle_status)
                VALUES (:agentId, :userId, :executionId, :phone, :source, 'inbound', 'in_progress',
                        :status)
                ON CONFLICT (bolna_execution_id) DO UPDATE SET updated_at = now()
                RETURNING id
                """)
            .param("agentId", agent.get().id())
            .param("userId", agent.get().userId())
            .param("executionId", payload.id())
            .param("phone", caller)
            .param("source", callSource)
            .param("status", payload.status())
            .query(UUID.class)
            .single();
    UUID contactId = callersContact(agent.get().userId(), caller, callId, payload);
    jdbc.sql("UPDATE calls SET contact_id = :contactId WHERE id = :id AND contact_id IS NULL")
        .param("contactId", contactId)
        .param("id", callId)
        .update();
    return Optional.of(
        new Inbound(callId, agent.get().userId(), agent.get().id(), contactId, caller));
  }

  private UUID callersContact(UUID userId, String caller, UUID callId, BolnaExecution payload) {
    String name =
        payload.extractedData() != null && payload.extractedData().path("name").isTextual()
            ? payload.extractedData().path("name").asText()
            : "Caller " + caller;
    return jdbc.sql(
            """
            INSERT INTO contacts (user_id, name, phone_number, is_auto_created,
                                  auto_created_from_call_id, auto_creation_source)
            VALUES (:userId, :name, :phone, true, :callId, 'webhook')
            ON CONFLICT (user_id, phone_number) DO UPDATE SET updated_at = contacts.updated_at
            RETURNING id
            """)
        .param("userId", userId)
        .param("name", name)
        .param("phone", caller)
        .param("callId", callId)
        .query(UUID.class)
        .single();
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
