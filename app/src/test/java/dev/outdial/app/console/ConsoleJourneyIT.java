package dev.outdial.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.StaleElementReferenceException;

/**
 * A newcomer's whole first day, in the browser only: sign up, create an agent, import a HubSpot
 * export through the mapping step, run a campaign and watch it finish without reloading, read a
 * call and its lead; then an administrator raises the newcomer's limit and the newcomer sees it.
 */
class ConsoleJourneyIT extends ConsoleSimulatorTestSupport {

  @TempDir Path files;

  @Test
  void aNewcomerRunsTheirFirstCampaignFromTheBrowserAlone() throws IOException {
    String ada = freshNumber();
    String charles = freshNumber();
    simulate(
        ada,
        Map.of(
            "outcome",
            "completed",
            "talk_seconds",
            200,
            "transcript",
            "assistant: Hi Ada, this is Outdial.\nuser: Yes, book a demo this week please."));
    simulate(charles, Map.of("outcome", "completed", "talk_seconds", 200));

    TestUser newcomer = signUpInBrowser("Jo Newcomer");
    assertThat(pageText()).contains("Create your first agent");

    click("Create your first agent");
    fill("Name", "Demo booker");
    fill("Prompt", "You are a friendly assistant. Offer a demo next week.");
    click("Create agent");
    awaitText("The agent Demo booker is ready");

    open("/contacts");
    click("Import contacts");
    Path export = files.resolve("hubspot-contacts.csv");
    Files.writeString(
        export,
        "First Name,Last Name,Email,Phone Number,Company Name\n"
            + "Ada,Lovelace,ada@example.com,"
            + ada
            + ",Analytical Engines\n"
            + "Charles,Babbage,charles@example.com,"
            + charles
            + ",Difference Engines\n",
        StandardCharsets.UTF_8);
    field("CSV file").sendKeys(export.toString());
    click("Upload and check the columns");
    awaitText("Recognised as a HubSpot export");
    choose("Default country", "United States (US)");
    screenshot("journey-import-mapping");
    click("Import contacts");
    awaitText("Import finished");
    click("See your contacts");
    awaitText("Ada Lovelace");
    assertThat(pageText()).contains("Charles Babbage");

    open("/campaigns/new");
    fill("Name", "First outreach");
    choose("Agent", "Demo booker");
    fill("Next action", "Book a demo");
    set("First call", "00:00");
    set("Last call", "23:59");
    choose("Time zone", "UTC");
    // Yesterday: the form offers today in UTC, a day that has not begun yet for a recipient west
    // of UTC in the first hours after midnight UTC, whom the campaign would then not call today.
    set("Start date", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
    field("All my contacts").click();
    click("Create campaign");
    awaitText("Campaign drafted with 2 contacts to call");
    click("Start");
    awaitText("The campaign is active");
    script("window.__noReload = 1");
    await()
        .atMost(Duration.ofSeconds(90))
        .ignoreException(StaleElementReferenceException.class)
        .until(() -> find(".progress-text").getText().startsWith("100 %"));
    assertThat(script("return window.__noReload")).as("the page was never reloaded").isEqualTo(1L);
    screenshot("journey-campaign-done");

    // The day's counts trail the calls by a recount (a second or so): look again until they show.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              open("/");
              assertThat(findAll(".chart canvas")).as("calls per day drawn").isNotEmpty();
              JsonNode chart =
                  new ObjectMapper()
                      .readTree(
                          (String)
                              script("return document.getElementById('calls-per-day-data').text"));
              assertThat(chart.path("days"))
                  .as("every one of the 30 days, quiet ones as zeros")
                  .hasSize(30);
              assertThat(chart.path("series").get(0).path("label").asText()).isEqualTo("Answered");
              assertThat(chart.path("series").get(0).path("values").get(29).asInt()).isEqualTo(2);
            });
    screenshot("journey-overview");

    open("/calls");
    click(ada);
    awaitText("Call to " + ada);
    assertThat(pageText()).contains("Yes, book a demo this week please.").contains("/ 100");
    screenshot("journey-call");

    open("/leads");
    assertThat(pageText()).contains("Ada Lovelace");
    click("Ada Lovelace");
    awaitText("Call to " + ada);

    browser.manage().deleteAllCookies();
    signInInBrowser(SUPER_ADMIN_EMAIL, SUPER_ADMIN_PASSWORD);
    open("/admin/users");
    fill("Email or name", newcomer.email());
    click("Search");
    click(newcomer.email());
    fill("Calls at once", "5");
    click("Save account");
    awaitText("The account is saved");

    browser.manage().deleteAllCookies();
    signInInBrowser(newcomer.email(), newcomer.password());
    open("/profile");
    assertThat(pageText()).contains("up to 5 calls at once");
  }
}
