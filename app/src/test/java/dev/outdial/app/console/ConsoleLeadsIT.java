package dev.outdial.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Leads in the console: filtered, marked read, exported, each leading to its call. */
class ConsoleLeadsIT extends ConsoleSimulatorTestSupport {

  /** A scored call of {@code user} to {@code contact}, made {@code minutesAgo} minutes ago. */
  private UUID lead(
      TestUser user, UUID agent, UUID contact, String number, int score, String tag, int ago) {
    UUID call =
        jdbc.sql(
                """
                INSERT INTO calls (agent_id, user_id, contact_id, bolna_execution_id, phone_number,
                                   status, duration_seconds, created_at)
                VALUES (:a, :u, :c, :e, :n, 'completed', 80, now() - make_interval(mins => :ago))
                RETURNING id
                """)
            .param("a", agent)
            .param("u", user.id())
            .param("c", contact)
            .param("e", "exec-" + UUID.randomUUID())
            .param("n", number)
            .param("ago", ago)
            .query(UUID.class)
            .single();
    jdbc.sql(
            """
            INSERT INTO lead_analytics (call_id, user_id, intent_score, urgency_score, budget_score,
                                        fit_score, engagement_score, total_score, lead_status_tag,
                                        reasoning, cta_interactions, created_at)
            VALUES (:c, :u, :s, :s, :s, :s, :s, :s, :tag,
                    '{"intent": ["+30 ''book a demo''"]}',
                    CAST(:cta AS jsonb), now() - make_interval(mins => :ago))
            """)
        .param("c", call)
        .param("u", user.id())
        .param("s", score)
        .param("tag", tag)
        .param(
            "cta",
            "Hot".equals(tag)
                ? "{\"demo_booked\": true, \"pricing_asked\": false}"
                : "{\"demo_booked\": false}")
        .param("ago", ago)
        .update();
    return call;
  }

  private boolean isRead(UUID call) {
    return jdbc.sql("SELECT is_read FROM lead_analytics WHERE call_id = :c")
        .param("c", call)
        .query(Boolean.class)
        .single();
  }

  @Test
  void leadsAreFilteredMarkedReadAndExportedAndLeadToTheirCall() throws Exception {
    TestUser user = signUpInBrowser("Seller");
    String token = token(user);
    UUID agent = agent(token, "Scorer");
    String hotNumber = freshNumber();
    String warmNumber = freshNumber();
    String coldNumber = freshNumber();
    UUID hot =
        lead(user, agent, contact(token, "Ada Lovelace", hotNumber), hotNumber, 85, "Hot", 3);
    lead(user, agent, contact(token, "Grace Hopper", warmNumber), warmNumber, 55, "Warm", 2);
    lead(user, agent, contact(token, "Alan Turing", coldNumber), coldNumber, 20, "Cold", 1);

    open("/leads");
    assertThat(findAll("tbody tr")).hasSize(3);
    assertThat(findAll("tbody tr.unread")).hasSize(3);
    assertThat(pageText()).contains("Ada Lovelace").contains("Demo booked");
    screenshot("leads");

    fill("Lowest score", "50");
    click("Filter");
    assertThat(path()).contains("min_score=50");
    assertThat(pageText()).contains("Ada Lovelace").contains("Grace Hopper").doesNotContain("Alan");

    choose("Tag", "Cold");
    fill("Lowest score", "");
    click("Filter");
    assertThat(findAll("tbody tr")).hasSize(1);
    assertThat(pageText()).contains("Alan Turing").doesNotContain("Ada Lovelace");

    open("/leads");
    List<String> names =
        findAll("tbody tr td:first-child a").stream().map(a -> a.getText()).toList();
    assertThat(names).containsExactly("Alan Turing", "Grace Hopper", "Ada Lovelace");
    // Marking read swaps the button for the state, in place.
    script("window.__noReload = 1");
    find("tbody tr:last-child button").click();
    await().atMost(Duration.ofSeconds(10)).until(() -> isRead(hot));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> find("tbody tr:last-child .read-state").getText().equals("Marked read"));
    assertThat(script("return window.__noReload")).isEqualTo(1L);
    assertThat(
            api.get("/api/leads?is_read=false", token).json().path("items").findValuesAsText("id"))
        .hasSize(2);

    choose("Read", "Unread only");
    click("Filter");
    assertThat(findAll("tbody tr")).hasSize(2);
    assertThat(pageText()).doesNotContain("Ada Lovelace");
    choose("Read", "Read only");
    click("Filter");
    assertThat(findAll("tbody tr")).hasSize(1);
    assertThat(pageText()).contains("Ada Lovelace").contains("Read");
    screenshot("leads-read");

    HttpResponse<String> export = download("/leads/export.csv?min_score=50");
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("leads.csv");
    assertThat(export.body())
        .as("the same file the API exports")
        .isEqualTo(api.get("/api/leads/export.csv?min_score=50", token).body());
    List<String> lines = export.body().replace("\uFEFF", "").lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).contains("Grace Hopper");
    assertThat(lines.get(2)).contains("Ada Lovelace").contains(",85,Hot,");

    click("Ada Lovelace");
    assertThat(path()).isEqualTo("/calls/" + hot);
    assertThat(pageText()).contains("+30 'book a demo'").contains("85 / 100");
  }

  @Test
  void aNewUserIsToldWhereLeadsComeFromAndCannotMarkAnotherTenantsLead() throws Exception {
    TestUser owner = signup("lead-owner");
    UUID agent = agent(owner.token(), "Theirs");
    String number = freshNumber();
    UUID call = lead(owner, agent, contact(owner.token(), "Hedy", number), number, 90, "Hot", 1);
    UUID leadId =
        jdbc.sql("SELECT id FROM lead_analytics WHERE call_id = :c")
            .param("c", call)
            .query(UUID.class)
            .single();

    signUpInBrowser("Empty handed");
    open("/leads");
    assertThat(pageText()).contains("No leads yet").contains("Start a campaign");
    screenshot("leads-empty");
    assertThat(download("/leads/export.csv").body().replace("\uFEFF", "").lines()).hasSize(1);

    // A form posted for someone else's lead: the 404 page, and the lead stays unread.
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript(
            "var f = document.createElement('form'); f.method = 'post';"
                + " f.action = '/leads/"
                + leadId
                + "/read';"
                + " var t = document.createElement('input'); t.type = 'hidden'; t.name = '_csrf';"
                + " t.value = document.querySelector('meta[name=csrf-token]').content;"
                + " f.appendChild(t); document.body.appendChild(f); f.submit();");
    awaitText("This page does not exist, or it is not yours");
    assertThat(isRead(call)).isFalse();
  }

  @Test
  void leadsComeFiftyToAPageAndTheNextPageKeepsTheFilters() {
    TestUser user = signUpInBrowser("Pager");
    UUID agent = agent(token(user), "Busy bee");
    jdbc.sql(
            """
            WITH made AS (
              INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number, status,
                                 created_at)
              SELECT :a, :u, 'exec-' || gen_random_uuid(), '+1415555' || (8000 + n), 'completed',
                     now() - make_interval(mins => n)
              FROM generate_series(1, 56) AS n
              RETURNING id, user_id, created_at, phone_number)
            INSERT INTO lead_analytics (call_id, user_id, total_score, lead_status_tag, created_at)
            SELECT id, user_id, CASE WHEN phone_number LIKE '%8056' THEN 10 ELSE 60 END,
                   CASE WHEN phone_number LIKE '%8056' THEN 'Cold' ELSE 'Warm' END, created_at
            FROM made
            """)
        .param("a", agent)
        .param("u", user.id())
        .update();

    open("/leads?min_score=50");
    assertThat(findAll("tbody tr")).hasSize(50);
    click("Next page");
    assertThat(path()).contains("min_score=50").contains("cursor=");
    assertThat(findAll("tbody tr")).as("55 match, the 56th is Cold").hasSize(5);
    assertThat(pageText()).contains("+14155558055").doesNotContain("+14155558056");
    assertThat(findAll("a")).noneMatch(a -> a.getText().equals("Next page"));
    click("Newest leads");
    assertThat(findAll("tbody tr")).hasSize(50);
  }
}
