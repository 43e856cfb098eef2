package dev.outdial.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Calls in the console: the filtered list, one call with its transcript and lead, the export. */
class ConsoleCallsIT extends ConsoleSimulatorTestSupport {

  private static final String TRANSCRIPT =
      "assistant: Hi Ada, this is Outdial calling about your demo request.\n"
          + "user: Yes, I'm interested, book a demo this week. How much is it?";

  private boolean ended(TestUser user, int calls) {
    return jdbc.sql(
                """
                SELECT count(*) FROM calls c
                WHERE c.user_id = :id AND c.status <> 'in_progress'
                  AND (c.status <> 'completed'
                       OR EXISTS (SELECT 1 FROM lead_analytics l WHERE l.call_id = c.id))
                """)
            .param("id", user.id())
            .query(Integer.class)
            .single()
        == calls;
  }

  private UUID callTo(TestUser user, String number) {
    return jdbc.sql("SELECT id FROM calls WHERE user_id = :id AND phone_number = :number")
        .param("id", user.id())
        .param("number", number)
        .query(UUID.class)
        .single();
  }

  @Test
  void callsAreFilteredAndOneShowsItsTranscriptAndItsLeadInWords() throws Exception {
    TestUser user = signUpInBrowser("Operator");
    String token = token(user);
    UUID agentId = agent(token, "Dialer");
    String answered = freshNumber();
    String busy = freshNumber();
    simulate(
        answered, Map.of("outcome", "completed", "talk_seconds", 95, "transcript", TRANSCRIPT));
    simulate(busy, Map.of("outcome", "busy"));
    for (var call :
        List.of(Map.of("number", answered, "name", "Ada"), Map.of("number", busy, "name", "Bo"))) {
      var started =
          api.post(
              "/api/calls",
              token,
              Map.of(
                  "agent_id",
                  agentId.toString(),
                  "phone_number",
                  call.get("number"),
                  "name",
                  call.get("name")));
      assertThat(started.status()).as(started.body()).isEqualTo(202);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> ended(user, 2));
    UUID answeredCall = callTo(user, answered);

    open("/calls");
    assertThat(findAll("tbody tr")).hasSize(2);
    assertThat(pageText()).contains(answered).contains(busy).contains("answered").contains("busy");
    screenshot("calls");

    choose("Status", "completed");
    click("Filter");
    assertThat(path()).contains("status=completed");
    assertThat(findAll("tbody tr")).hasSize(1);
    assertThat(pageText()).contains(answered).doesNotContain(busy);
    assertThat(find("a[download]").getAttribute("href"))
        .endsWith("/calls/export.csv?status=completed");

    choose("Status", "failed");
    choose("Agent", "Dialer");
    click("Filter");
    assertThat(findAll("tbody tr")).hasSize(1);
    assertThat(pageText()).contains(busy).doesNotContain(answered);

    choose("Status", "Any");
    set("From", LocalDate.now(ZoneOffset.UTC).plusDays(1).toString());
    click("Filter");
    assertThat(pageText()).contains("No call matches these filters");
    set("From", LocalDate.now(ZoneOffset.UTC).toString());
    set("To", LocalDate.now(ZoneOffset.UTC).toString());
    click("Filter");
    assertThat(findAll("tbody tr")).hasSize(2);
    screenshot("calls-filtered");

    open("/calls?status=completed");
    click(answered);
    assertThat(path()).isEqualTo("/calls/" + answeredCall);
    assertThat(pageText())
        .contains("Call to " + answered)
        .contains("Ada")
        .contains("Dialer")
        .contains("1 min 35 s")
        .contains("2 started minutes · 2 credits")
        .contains("Yes, I'm interested, book a demo this week. How much is it?")
        .contains("Callee")
        .contains("+30 'book a demo'")
        .contains("Demo booked")
        .contains("Pricing asked")
        .contains("/ 100");
    assertThat(find(".lead-total .badge").getText()).isIn("Hot", "Warm");
    assertThat(findAll(".speech .turn")).hasSize(2);
    // The reasoning is read as lists, never shown as JSON.
    assertThat(browser.getPageSource()).doesNotContain("{\"intent\"").doesNotContain("[\"+");
    assertThat(find("a[href^='https://recordings.simulator.test/']").getText()).contains("Listen");
    String workflowLink =
        find("a[href^='" + TEMPORAL_UI + "/namespaces/default/workflows/call-adhoc-']").getText();
    assertThat(workflowLink).startsWith("call-adhoc-");
    screenshot("call-detail");

    HttpResponse<String> export = download("/calls/export.csv?status=completed");
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(export.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("calls.csv");
    assertThat(export.body())
        .as("the same file the API exports")
        .isEqualTo(api.get("/api/calls/export.csv?status=completed", token).body());
    List<String> lines = export.body().replace("\uFEFF", "").lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).contains(answered).contains(answeredCall.toString());

    open("/calls/" + callTo(user, busy));
    assertThat(pageText())
        .contains("busy")
        .contains("This call was not scored")
        .contains("No transcript");
    screenshot("call-detail-busy");

    signUpInBrowser("Stranger");
    open("/calls/" + answeredCall);
    assertThat(pageText())
        .contains("This page does not exist, or it is not yours")
        .doesNotContain(answered);
    open("/calls");
    assertThat(pageText()).contains("No calls yet").doesNotContain(answered);
    assertThat(download("/calls/export.csv").body().replace("\uFEFF", "").lines()).hasSize(1);
  }
}
