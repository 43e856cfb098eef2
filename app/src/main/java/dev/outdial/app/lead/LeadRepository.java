package dev.outdial.app.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Scored leads with their call and contact, scoped to the calls' owner. */
@Repository
public class LeadRepository {

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public LeadRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The leads of a user that match the list's filters; shared by the list and the export. */
  private static final String MATCHING =
      """
      FROM lead_analytics l
      JOIN calls c ON c.id = l.call_id
      LEFT JOIN contacts ct ON ct.id = c.contact_id
      WHERE l.user_id = :userId
        AND (CAST(:minScore AS integer) IS NULL OR l.total_score >= :minScore)
        AND (CAST(:tag AS text) IS NULL OR l.lead_status_tag = :tag)
        AND (CAST(:isRead AS boolean) IS NULL OR l.is_read = :isRead)
      """;

  public List<Map<String, Object>> findPage(
      UUID userId,
      Integer minScore,
      String statusTag,
      Boolean isRead,
      Instant afterCreatedAt,
      UUID afterId,
      int size) {
    return jdbc.sql(
            """
            SELECT l.id, l.call_id, l.intent_level, l.intent_score, l.urgency_level,
                   l.urgency_score, l.budget_constraint, l.budget_score, l.fit_alignment,
                   l.fit_score, l.engagement_health, l.engagement_score, l.total_score,
                   l.lead_status_tag, l.reasoning::text AS reasoning,
                   l.cta_interactions::text AS cta_interactions, l.is_read, l.created_at,
                   c.phone_number, c.lead_type, c.duration_seconds, c.agent_id, c.contact_id,
                   ct.name AS contact_name, ct.email AS contact_email, ct.company AS contact_company
            """
                + MATCHING
                + """
                  AND (CAST(:afterCreatedAt AS timestamptz) IS NULL
                       OR (l.created_at, l.id) < (CAST(:afterCreatedAt AS timestamptz), :afterId))
                ORDER BY l.created_at DESC, l.id DESC
                LIMIT :size
                """)
        .param("userId", userId)
        .param("minScore", minScore)
        .param("tag", statusTag)
        .param("isRead", isRead)
        .param("afterCreatedAt", afterCreatedAt == null ? null : Timestamp.from(afterCreatedAt))
        .param("afterId", afterId)
        .param("size", size)
        .query(this::row)
        .list();
  }

  /** The columns of a leads export, in order. */
  static final List<String> EXPORT_COLUMNS =
      List.of(
          "id",
          "created_at",
          "call_id",
          "phone_number",
          "contact_name",
          "contact_email",
          "contact_company",
          "total_score",
          "lead_status_tag",
          "intent_score",
          "urgency_score",
          "budget_score",
          "fit_score",
          "engagement_score",
          "is_read");

  /** Every matching lead, newest first, for the CSV export. */
  CsvExport.Query export(UUID userId, Integer minScore, String statusTag, Boolean isRead) {
    Map<String, Object> params = new HashMap<>();
    params.put("userId", userId);
    params.put("minScore", minScore);
    params.put("tag", statusTag);
    params.put("isRead", isRead);
    return new CsvExport.Query(
        EXPORT_COLUMNS,
        """
        SELECT l.id, l.created_at, l.call_id, c.phone_number, ct.name, ct.email, ct.company,
               l.total_score, l.lead_status_tag, l.intent_score, l.urgency_score, l.budget_score,
               l.fit_score, l.engagement_score, l.is_read
        """
            + MATCHING
            + " ORDER BY l.created_at DESC, l.id DESC",
        params);
  }

  /** Marks the lead read; false when the caller owns no such lead. */
  public boolean markRead(UUID userId, UUID id) {
    return jdbc.sql(
                """
                UPDATE lead_analytics SET is_read = true
                WHERE id = :id AND user_id = :userId
                """)
            .param("id", id)
            .param("userId", userId)
            .update()
        == 1;
  }

  private Map<String, Object> row(ResultSet rs, int number) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    var meta = rs.getMetaData();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      String name = meta.getColumnLabel(i);
      Object value = rs.getObject(i);
      if (value instanceof Timestamp timestamp) {
        value = timestamp.toInstant();
      } else if (value != null && (name.equals("reasoning") || name.equals("cta_interactions"))) {
        try {
          value = json.readTree((String) value);
        } catch (JsonProcessingException e) {
          throw new SQLException(e);
        }
      }
      row.put(name, value);
    }
    return row;
  }
}
