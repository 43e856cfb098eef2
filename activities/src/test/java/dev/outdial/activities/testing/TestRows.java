package dev.outdial.activities.testing;

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
}
