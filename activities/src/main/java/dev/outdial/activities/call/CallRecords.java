package dev.outdial.activities.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.bolna.BolnaExecution;
import java.util.Map;
import java.util.Optional;
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
    String column =
        switch (status) {
          case "ringing" -> "ringing_started_at";
          case "in-progress" -> "call_answered_at";
          case "call-disconnected" -> "call_disconnected_at";
          default -> null;
        };
    return jdbc.sql(
                "UPDATE calls SET "
                    + (column == null ? "" : column + " = COALESCE(" + column + ", now()), ")
                    + """
                  call_lifecycle_status = CASE
                    WHEN status = 'in_progress' AND :rank > COALESCE(
                      array_position(ARRAY['queued','initiated','ringing','in-progress',
                                           'call-disconnected'], call_lifecycle_status), 0)
                    THEN :status ELSE call_lifecycle_status END,
                  updated_at = now()
                WHERE bolna_execution_id = :executionId
                """)
            .param("rank", rank(status))
            .param("status", status)
            .param("executionId", executionId)
            .update()
        > 0;
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
