package dev.outdial.activities.testing;

import java.sql.Time;
import java.time.LocalTime;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The rows most tests stand on: an owner, their agent, their contacts. */
public record TestRows(JdbcClient jdbc) {

  /** An owner with a unique email, the given credits and concurrent-call limit. */
  public UUID user(int credits, int concurrentCallsLimit) {
    return jdbc.sql(
            "INSERT INTO users (email, name, credits, concurrent_calls_limit)"
                + " VALUES (:email, 'Owner', :credits, :limit) RETURNING id")
        .param("email", UUID.randomUUID() + "@example.com")
        .param("credits", credits)
        .param("limit", concurrentCallsLimit)
        .query(UUID.class)
        .single();
  }

  /** An agent of the owner with a unique Bolna id. */
  public UUID agent(UUID userId) {
    return jdbc.sql(
            "INSERT INTO agents (user_id, bolna_agent_id, name) VALUES (:u, :b, 'Agent')"
                + " RETURNING id")
        .param("u", userId)
        .param("b", "bolna-" + UUID.randomUUID())
        .query(UUID.class)
        .single();
  }

  public UUID contact(UUID userId, String name, String phoneNumber) {
    return jdbc.sql(
            "INSERT INTO contacts (user_id, name, phone_number) VALUES (:u, :n, :p) RETURNING id")
        .param("u", userId)
        .param("n", name)
        .param("p", phoneNumber)
        .query(UUID.class)
        .single();
  }

  /**
   * An active campaign of the owner, calling {@code first} to {@code last} recipient-local from
   * 2026-03-01, with {@code timezone} for numbers that name no zone.
   */
  public UUID activeCampaign(
      UUID userId, UUID agentId, LocalTime first, LocalTime last, String timezone) {
    return jdbc.sql(
            """
            INSERT INTO call_campaigns (user_id, name, agent_id, next_action, first_call_time,
              last_call_time, start_date, status, timezone)
            VALUES (:u, 'Campaign', :a, 'Sell', :first, :last, '2026-03-01', 'active', :zone)
            RETURNING id
            """)
        .param("u", userId)
        .param("a", agentId)
        .param("first", Time.valueOf(first))
        .param("last", Time.valueOf(last))
        .param("zone", timezone)
        .query(UUID.class)
        .single();
  }

  /** The attempt of {@code workflowId} that Bolna accepted as {@code executionId}. */
  public void placedAttempt(UUID userId, UUID agentId, String workflowId, String executionId) {
    jdbc.sql(
            """
            INSERT INTO call_attempts (attempt_key, workflow_id, user_id, agent_id, phone_number,
                                       status, bolna_execution_id)
            VALUES (:key, :workflow, :user, :agent, '+14155550100', 'placed', :execution)
            """)
        .param("key", workflowId + ":1")
        .param("workflow", workflowId)
        .param("user", userId)
        .param("agent", agentId)
        .param("execution", executionId)
        .update();
  }
}
