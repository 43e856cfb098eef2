package dev.outdial.app.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Campaigns and their queues, always scoped to their owner. */
@Repository
public class CampaignRepository {

  private final JdbcClient jdbc;

  public CampaignRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The campaign row with the seed's progress and average-duration queries. */
  public Optional<Map<String, Object>> find(UUID userId, UUID id) {
    return jdbc.sql(
            """
            SELECT cc.*,
              CASE WHEN cc.total_contacts > 0
                   THEN ROUND((cc.completed_calls::float / cc.total_contacts::float * 100)::numeric, 2)
                   ELSE 0 END AS progress_percentage,
              (SELECT COALESCE(AVG(c.duration_seconds), 0) FROM calls c
               WHERE c.id IN (SELECT call_id FROM call_queue
                              WHERE campaign_id = cc.id AND call_id IS NOT NULL)) AS avg_duration_seconds
            FROM call_campaigns cc
            WHERE cc.id = :id AND cc.user_id = :userId
            """)
        .param("id", id)
        .param("userId", userId)
        .query(CampaignRepository::row)
        .optional();
  }

  /** A campaign's place in the newest-first list. */
  public record Listed(UUID id, Instant createdAt) {}

  public List<Listed> list(UUID userId, Instant afterCreatedAt, UUID afterId, int size) {
    return jdbc.sql(
            """
            SELECT id, created_at FROM call_campaigns
            WHERE user_id = :userId
              AND (CAST(:after AS timestamptz) IS NULL
                   OR (created_at, id) < (CAST(:after AS timestamptz), :afterId))
            ORDER BY created_at DESC, id DESC
            LIMIT :size
            """)
        .param("userId", userId)
        .param("after", afterCreatedAt == null ? null : Timestamp.from(afterCreatedAt))
        .param("afterId", afterId)
        .param("size", size)
        .query(Listed.class)
        .list();
  }

  public List<Map<String, Object>> queue(
      UUID userId, UUID campaignId, int afterPosition, int size) {
    return jdbc.sql(
            """
            SELECT id, contact_id, phone_number, contact_name, status, priority, position,
                   scheduled_for, timezone, attempts, started_at, completed_at, call_id,
                   failure_reason
            FROM call_queue
            WHERE campaign_id = :campaignId AND user_id = :userId AND position > :after
            ORDER BY position
            LIMIT :size
            """)
        .param("campaignId", campaignId)
        .param("userId", userId)
        .param("after", afterPosition)
        .param("size", size)
        .query(CampaignRepository::row)
        .list();
  }

  static Map<String, Object> row(ResultSet rs, int number) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    var meta = rs.getMetaData();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      Object value = rs.getObject(i);
      if (value instanceof Timestamp timestamp) {
        value = timestamp.toInstant();
      } else if (value instanceof java.sql.Date date) {
        value = date.toLocalDate();
      } else if (value instanceof java.sql.Time time) {
        value = time.toLocalTime();
      } else if (value instanceof org.postgresql.util.PGobject json) {
        value = json.getValue();
      }
      row.put(meta.getColumnLabel(i), value);
    }
    return row;
  }
}
