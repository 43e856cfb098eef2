package dev.outdial.app.system;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Platform-wide settings, one JSON value per key in {@code system_config}. */
@Repository
public class SystemConfigRepository {

  private final JdbcClient jdbc;

  public SystemConfigRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<String> find(String key) {
    return jdbc.sql("SELECT value::text FROM system_config WHERE key = :key")
        .param("key", key)
        .query(String.class)
        .optional();
  }

  public void put(String key, String jsonValue, UUID updatedBy) {
    jdbc.sql(
            """
            INSERT INTO system_config (key, value, updated_at, updated_by)
            VALUES (:key, CAST(:value AS jsonb), now(), :updatedBy)
            ON CONFLICT (key) DO UPDATE
              SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by
            """)
        .param("key", key)
        .param("value", jsonValue)
        .param("updatedBy", updatedBy)
        .update();
  }
}
