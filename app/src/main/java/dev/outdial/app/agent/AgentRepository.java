package dev.outdial.app.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Agents, always scoped to their owner. */
@Repository
public class AgentRepository {

  private static final String COLUMNS =
      """
      id, bolna_agent_id, name, description, agent_type, is_active, welcome_message, prompt,
      bolna_webhook_url, bolna_voice_config::text AS voice, bolna_llm_config::text AS llm,
      bolna_task_config::text AS task, created_at, updated_at
      """;
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final RowMapper<AgentView> rowMapper = this::map;

  public AgentRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** An agent row to write; the webhook URL is stored without its token. */
  public record AgentRow(
      String bolnaAgentId,
      String name,
      String description,
      String agentType,
      boolean isActive,
      String welcomeMessage,
      String prompt,
      String webhookUrl,
      Map<String, Object> voiceConfig,
      Map<String, Object> llmConfig,
      Map<String, Object> taskConfig) {}

  public UUID insert(UUID userId, AgentRow agent) {
    return jdbc.sql(
            """
            INSERT INTO agents (user_id, bolna_agent_id, name, description, agent_type, is_active,
                                welcome_message, prompt, bolna_webhook_url, bolna_voice_config,
                                bolna_llm_config, bolna_task_config)
            VALUES (:userId, :bolnaAgentId, :name, :description, :agentType, :isActive,
                    :welcomeMessage, :prompt, :webhookUrl, CAST(:voice AS jsonb),
                    CAST(:llm AS jsonb), CAST(:task AS jsonb))
            RETURNING id
            """)
        .param("userId", userId)
        .params(params(agent))
        .query(UUID.class)
        .single();
  }

  public boolean update(UUID userId, UUID id, AgentRow agent) {
    return jdbc.sql(
                """
                UPDATE agents SET name = :name, description = :description,
                  agent_type = :agentType, is_active = :isActive,
                  welcome_message = :welcomeMessage, prompt = :prompt,
                  bolna_webhook_url = :webhookUrl, bolna_voice_config = CAST(:voice AS jsonb),
                  bolna_llm_config = CAST(:llm AS jsonb), bolna_task_config = CAST(:task AS jsonb),
                  updated_at = now()
                WHERE id = :id AND user_id = :userId
                """)
            .param("id", id)
            .param("userId", userId)
            .params(params(agent))
            .update()
        == 1;
  }

  public Optional<AgentView> find(UUID userId, UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM agents WHERE id = :id AND user_id = :userId")
        .param("id", id)
        .param("userId", userId)
        .query(rowMapper)
        .optional();
  }

  /** Locks the row, so a concurrent update or delete waits. */
  public Optional<AgentView> findForUpdate(UUID userId, UUID id) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM agents WHERE id = :id AND user_id = :userId FOR UPDATE")
        .param("id", id)
        .param("userId", userId)
        .query(rowMapper)
        .optional();
  }

  public List<AgentView> findPage(UUID userId, Instant afterCreatedAt, UUID afterId, int size) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + """
                FROM agents
                WHERE user_id = :userId
                  AND (CAST(:afterCreatedAt AS timestamptz) IS NULL
                       OR (created_at, id) < (CAST(:afterCreatedAt AS timestamptz), :afterId))
                ORDER BY created_at DESC, id DESC
                LIMIT :size
                """)
        .param("userId", userId)
        .param("afterCreatedAt", afterCreatedAt == null ? null : Timestamp.from(afterCreatedAt))
        .param("afterId", afterId)
        .param("size", size)
        .query(rowMapper)
        .list();
  }

  public int campaignsUsing(UUID agentId) {
    return jdbc.sql("SELECT count(*) FROM call_campaigns WHERE agent_id = :agentId")
        .param("agentId", agentId)
        .query(Integer.class)
        .single();
  }

  public boolean delete(UUID userId, UUID id) {
    return jdbc.sql("DELETE FROM agents WHERE id = :id AND user_id = :userId")
            .param("id", id)
            .param("userId", userId)
            .update()
        == 1;
  }

  private Map<String, Object> params(AgentRow agent) {
    return Map.ofEntries(
        Map.entry("bolnaAgentId", agent.bolnaAgentId()),
        Map.entry("name", agent.name()),
        Map.entry("description", nullable(agent.description())),
        Map.entry("agentType", agent.agentType()),
        Map.entry("isActive", agent.isActive()),
        Map.entry("welcomeMessage", nullable(agent.welcomeMessage())),
        Map.entry("prompt", nullable(agent.prompt())),
        Map.entry("webhookUrl", nullable(agent.webhookUrl())),
        Map.entry("voice", write(agent.voiceConfig())),
        Map.entry("llm", write(agent.llmConfig())),
        Map.entry("task", write(agent.taskConfig())));
  }

  /** JdbcClient's map parameters take no null values; a typed null stands in. */
  private static Object nullable(String value) {
    return value == null
        ? new org.springframework.jdbc.core.SqlParameterValue(java.sql.Types.VARCHAR, null)
        : value;
  }

  private String write(Map<String, Object> value) {
    try {
      return json.writeValueAsString(value == null ? Map.of() : value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a JSON object", e);
    }
  }

  private Map<String, Object> read(String value) throws SQLException {
    if (value == null) {
      return Map.of();
    }
    try {
      return json.readValue(value, MAP);
    } catch (JsonProcessingException e) {
      throw new SQLException("Not a JSON object: " + value, e);
    }
  }

  private AgentView map(ResultSet rs, int row) throws SQLException {
    return new AgentView(
        rs.getObject("id", UUID.class),
        rs.getString("bolna_agent_id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("agent_type"),
        rs.getBoolean("is_active"),
        rs.getString("welcome_message"),
        rs.getString("prompt"),
        rs.getString("bolna_webhook_url"),
        read(rs.getString("voice")),
        read(rs.getString("llm")),
        read(rs.getString("task")),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
