package dev.outdial.app.testing;

import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One of each row a tenant owns (an agent, a contact, a draft campaign, a call), for wall tests.
 */
public record TenantRows(String agent, String contact, String campaign, UUID call) {

  /** Creates them for the owner of {@code token}, through the API (the call straight in SQL). */
  public static TenantRows of(ApiClient api, JdbcClient jdbc, String token, UUID ownerId) {
    String agent =
        api.post("/api/agents", token, Map.of("name", "Private agent", "prompt", "Hi"))
            .json()
            .path("id")
            .asText();
    String contact =
        api.post(
                "/api/contacts",
                token,
                Map.of("name", "Private contact", "phone_number", "+14155550142"))
            .json()
            .path("id")
            .asText();
    String campaign =
        api.post(
                "/api/campaigns",
                token,
                Map.of(
                    "name", "Private campaign",
                    "agent_id", agent,
                    "next_action", "Sell",
                    "first_call_time", "09:00",
                    "last_call_time", "17:00",
                    "start_date", "2030-01-01"))
            .json()
            .path("id")
            .asText();
    UUID call =
        jdbc.sql(
                """
                INSERT INTO calls (agent_id, user_id, contact_id, bolna_execution_id, phone_number)
                VALUES (CAST(:a AS uuid), :u, CAST(:c AS uuid), :e, '+14155550142') RETURNING id
                """)
            .param("a", agent)
            .param("u", ownerId)
            .param("c", contact)
            .param("e", "exec-" + UUID.randomUUID())
            .query(UUID.class)
            .single();
    return new TenantRows(agent, contact, campaign, call);
  }

  /** The ids by the API resource whose paths name them. */
  public Map<String, String> byResource() {
    return Map.of(
        "agents", agent,
        "contacts", contact,
        "campaigns", campaign,
        "calls", call.toString(),
        "leads", call.toString());
  }
}
