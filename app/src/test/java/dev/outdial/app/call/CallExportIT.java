package dev.outdial.app.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.ApiTestSupport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The calls export over HTTP: a spreadsheet-ready CSV of the list's calls, the caller's only. */
class CallExportIT extends ApiTestSupport {

  private UUID agent(TestUser user) {
    var answer = api.post("/api/agents", user.token(), Map.of("name", "A", "prompt", "Sell"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return UUID.fromString(answer.json().path("id").asText());
  }

  private void call(TestUser user, UUID agent, String status, String at) {
    jdbc.sql(
            """
            INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number, status,
                               duration_seconds, hangup_reason, created_at)
            VALUES (:a, :u, :e, '+14155550100', :status, 61, 'Call recipient hungup, "politely"',
                    CAST(:at AS timestamptz))
            """)
        .param("a", agent)
        .param("u", user.id())
        .param("e", "exec-" + UUID.randomUUID())
        .param("status", status)
        .param("at", at)
        .update();
  }

  @Test
  void theExportHasAHeaderAndTheMatchingCallsNewestFirst() {
    TestUser user = signup("export");
    TestUser other = signup("export-other");
    UUID agent = agent(user);
    call(user, agent, "completed", "2026-11-01T10:00:00Z");
    call(user, agent, "completed", "2026-11-02T10:00:00Z");
    call(user, agent, "failed", "2026-11-03T10:00:00Z");
    call(other, agent(other), "completed", "2026-11-02T11:00:00Z");

    var answer = api.get("/api/calls/export.csv?status=completed", user.token());

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("text/csv");
    assertThat(answer.header("Content-Disposition")).contains("calls.csv");
    List<String> lines = answer.body().replace("\uFEFF", "").lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "id,created_at,phone_number,status,call_lifecycle_status,lead_type,agent_id,"
                + "contact_id,duration_seconds,duration_minutes,credits_used,hangup_by,"
                + "hangup_reason,recording_url,bolna_execution_id");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).contains("2026-11-02T10:00:00Z").contains(",completed,");
    assertThat(lines.get(2)).contains("2026-11-01T10:00:00Z");
    // Quotes inside a field are doubled, as RFC 4180 writes them.
    assertThat(lines.get(1)).contains("\"Call recipient hungup, \"\"politely\"\"\"");
  }

  @Test
  void theExportNeedsASignedInCaller() {
    assertThat(api.get("/api/calls/export.csv", null).status()).isEqualTo(401);
  }

  @Test
  void leadsAndContactsExportWithTheirListsFilters() {
    TestUser user = signup("export-leads");
    UUID agent = agent(user);
    var hot =
        api.post(
            "/api/contacts",
            user.token(),
            Map.of("name", "Ada, Countess", "phone_number", "+14155550111", "company", "Engines"));
    api.post("/api/contacts", user.token(), Map.of("name", "Bo", "phone_number", "+14155550112"));
    UUID contact = UUID.fromString(hot.json().path("id").asText());
    UUID callId =
        jdbc.sql(
                """
                INSERT INTO calls (agent_id, user_id, contact_id, bolna_execution_id, phone_number,
                                   status)
                VALUES (:a, :u, :c, :e, '+14155550111', 'completed') RETURNING id
                """)
            .param("a", agent)
            .param("u", user.id())
            .param("c", contact)
            .param("e", "exec-" + UUID.randomUUID())
            .query(UUID.class)
            .single();
    jdbc.sql(
            "INSERT INTO lead_analytics (call_id, user_id, total_score, lead_status_tag)"
                + " SELECT id, user_id, 85, 'Hot' FROM calls WHERE id = :c")
        .param("c", callId)
        .update();

    var leads = api.get("/api/leads/export.csv?min_score=70", user.token());
    var none = api.get("/api/leads/export.csv?min_score=90", user.token());
    var contacts = api.get("/api/contacts/export.csv?search=engines", user.token());

    assertThat(leads.status()).as(leads.body()).isEqualTo(200);
    List<String> leadLines = leads.body().replace("\uFEFF", "").lines().toList();
    assertThat(leadLines.get(0)).startsWith("id,created_at,call_id,phone_number,contact_name");
    assertThat(leadLines).hasSize(2);
    assertThat(leadLines.get(1)).contains("\"Ada, Countess\"").contains(",85,Hot,");
    assertThat(none.body().replace("\uFEFF", "").lines()).hasSize(1);
    assertThat(contacts.status()).isEqualTo(200);
    assertThat(contacts.header("Content-Disposition")).contains("contacts.csv");
    List<String> contactLines = contacts.body().replace("\uFEFF", "").lines().toList();
    assertThat(contactLines).hasSize(2);
    assertThat(contactLines.get(1)).contains("+14155550111").contains("Engines");
  }
}
