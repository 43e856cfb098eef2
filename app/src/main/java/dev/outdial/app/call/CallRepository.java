package dev.outdial.app.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.app.web.CsvExport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads calls, with their transcript and lead score, always scoped to their owner. */
@Repository
public class CallRepository {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<Object>> LIST = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public CallRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Filters of the call list; null means any. */
  public record CallFilter(
      String status, UUID agentId, UUID campaignId, String leadType, Instant from, Instant to) {}

  /** The calls of a user that match a filter; shared by the list and the export. */
  private static final String MATCHING =
      """
      FROM calls c
      WHERE c.user_id = :userId
        AND (CAST(:status AS text) IS NULL OR c.status = :status)
        AND (CAST(:agentId AS uuid) IS NULL OR c.agent_id = :agentId)
        AND (CAST(:leadType AS text) IS NULL OR c.lead_type = :leadType)
        AND (CAST(:campaignId AS uuid) IS NULL OR c.campaign_id = :campaignId)
        AND (CAST(:from AS timestamptz) IS NULL OR c.created_at >= CAST(:from AS timestamptz))
        AND (CAST(:to AS timestamptz) IS NULL OR c.created_at < CAST(:to AS timestamptz))
      """;

  private static Map<String, Object> matching(UUID userId, CallFilter filter) {
    Map<String, Object> params = new HashMap<>();
    params.put("userId", userId);
    params.put("status", filter.status());
    params.put("agentId", filter.agentId());
    params.put("leadType", filter.leadType());
    params.put("campaignId", filter.campaignId());
    params.put("from", filter.from() == null ? null : Timestamp.from(filter.from()));
    params.put("to", filter.to() == null ? null : Timestamp.from(filter.to()));
    return params;
  }

  public List<Map<String, Object>> findPage(
      UUID userId, CallFilter filter, Instant afterCreatedAt, UUID afterId, int size) {
    return jdbc.sql(
            "SELECT c.* "
                + MATCHING
                + """
                  AND (CAST(:afterCreatedAt AS timestamptz) IS NULL
                       OR (c.created_at, c.id) < (CAST(:afterCreatedAt AS timestamptz), :afterId))
                ORDER BY c.created_at DESC, c.id DESC
                LIMIT :size
                """)
        .params(matching(userId, filter))
        .param("afterCreatedAt", afterCreatedAt == null ? null : Timestamp.from(afterCreatedAt))
        .param("afterId", afterId)
        .param("size", size)
        .query(this::row)
        .list();
  }

  /** The columns of a call export, in order. */
  public static final List<String> EXPORT_COLUMNS =
      List.of(
          "id",
          "created_at",
          "phone_number",
          "status",
          "call_lifecycle_status",
          "lead_type",
          "agent_id",
          "contact_id",
          "duration_seconds",
          "duration_minutes",
          "credits_used",
          "hangup_by",
          "hangup_reason",
          "recording_url",
          "bolna_execution_id");

  /** Every matching call, newest first, for the CSV export. */
  public CsvExport.Query export(UUID userId, CallFilter filter) {
    return new CsvExport.Query(
        EXPORT_COLUMNS,
        "SELECT "
            + String.join(", ", EXPORT_COLUMNS.stream().map(column -> "c." + column).toList())
            + " "
            + MATCHING
            + " ORDER BY c.created_at DESC, c.id DESC",
        matching(userId, filter));
  }

  /** The seed's "active calls" query. */
  public List<Map<String, Object>> findActive(UUID userId) {
    return jdbc.sql(
            "SELECT * FROM calls WHERE user_id = :userId AND status = 'in_progress'"
                + " ORDER BY created_at DESC")
        .param("userId", userId)
        .query(this::row)
        .list();
  }

  public Optional<Map<String, Object>> find(UUID userId, UUID id) {
    return jdbc.sql("SELECT * FROM calls WHERE id = :id AND user_id = :userId")
        .param("id", id)
        .param("userId", userId)
        .query(this::row)
        .optional();
  }

  public Optional<Map<String, Object>> transcript(UUID callId) {
    return jdbc.sql(
            "SELECT id, content, speaker_segments, created_at FROM transcripts WHERE call_id = :id ORDER BY created_at DESC LIMIT 1")
        .param("id", callId)
        .query(this::row)
        .optional();
  }

  public Optional<Map<String, Object>> leadAnalytics(UUID callId) {
    return jdbc.sql("SELECT * FROM lead_analytics WHERE call_id = :id")
        .param("id", callId)
        .query(this::row)
        .optional();
  }

  /** A row as snake_case JSON fields; JSONB columns become objects, timestamps instants. */
  private Map<String, Object> row(ResultSet rs, int rowNumber) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    var meta = rs.getMetaData();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      String name = meta.getColumnLabel(i);
      String type = meta.getColumnTypeName(i);
      Object value = rs.getObject(i);
      if (value == null) {
        row.put(name, null);
      } else if ("jsonb".equals(type) || "json".equals(type)) {
        row.put(name, readJson(rs.getString(i)));
      } else if (value instanceof Timestamp timestamp) {
        row.put(name, timestamp.toInstant());
      } else {
        row.put(name, value);
      }
    }
    return row;
  }

  private Object readJson(String text) throws SQLException {
    try {
      return text.startsWith("[") ? json.readValue(text, LIST) : json.readValue(text, MAP);
    } catch (JsonProcessingException e) {
      throw new SQLException("Not JSON: " + text, e);
    }
  }
}
