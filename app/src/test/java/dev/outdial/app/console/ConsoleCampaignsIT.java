package dev.outdial.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;

/** Campaigns in the console: drafting one, running it live, its owner's actions, its walls. */
class ConsoleCampaignsIT extends ConsoleSimulatorTestSupport {

  private static final String UUID_PATH = "/campaigns/[0-9a-f-]{36}";

  private Map<String, Object> campaignBody(UUID agentId, LocalDate start) {
    return Map.of(
        "name", "Winter outreach",
        "agent_id", agentId.toString(),
        "next_action", "Book a demo",
        "first_call_time", "00:00",
        "last_call_time", "23:59",
        "start_date", start.toString(),
        "timezone", "UTC");
  }

  /** Clicks a button of the live part of a page, which is replaced every two seconds. */
  private void clickLive(String text) {
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreException(StaleElementReferenceException.class)
        .until(
            () -> {
              click(text);
              return true;
            });
  }

  private String campaignStatus(String token, String id) {
    return api.get("/api/campaigns/" + id, token).json().path("status").asText();
  }

  @Test
  void aCampaignDraftedInTheFormRunsToCompletionWhileItsPageUpdatesWithoutReloading() {
    TestUser user = signUpInBrowser("Runner");
    String token = token(user);
    UUID agentId = agent(token, "Closer");
    List<String> numbers = new ArrayList<>();
    for (String name : List.of("Ada Lovelace", "Grace Hopper", "Alan Turing")) {
      String number = freshNumber();
      numbers.add(number);
      // Three seconds of conversation each, so that the page can be watched while they talk.
      simulate(number, Map.of("outcome", "completed", "talk_seconds", 300));
      contact(token, name, number);
    }

    open("/campaigns/new");
    screenshot("new-campaign");
    fill("Name", "Winter outreach");
    choose("Agent", "Closer");
    fill("Next action", "Book a demo");
    set("First call", "00:00");
    set("Last call", "23:59");
    choose("Time zone", "UTC");
    // Yesterday: the form offers today in UTC, a day that has not begun yet for a recipient west
    // of UTC in the first hours after midnight UTC, whom the campaign would then not call today.
    set("Start date", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
    field("Only the contacts I pick").click();
    fill("Search contacts", "Ada");
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreException(StaleElementReferenceException.class)
        .until(() -> !find("#contact-picker").getText().contains("Grace"));
    field("Ada Lovelace").click();
    fill("Search contacts", "Grace");
    // The pick made before the search stays, on top of the new matches.
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreException(StaleElementReferenceException.class)
        .until(
            () ->
                find("#contact-picker").getText().contains("Grace")
                    && field("Ada Lovelace").isSelected());
    field("Grace Hopper").click();
    click("Create campaign");

    awaitText("Campaign drafted with 2 contacts to call");
    assertThat(path()).matches(UUID_PATH);
    String id = path().substring("/campaigns/".length());
    assertThat(pageText()).contains("draft").contains("Closer").contains("Book a demo");
    assertThat(findAll("#campaign-live[hx-trigger]")).as("a draft is not polled").isEmpty();

    click("Start");
    awaitText("The campaign is active");
    script("window.__noReload = 1");
    assertThat(find("#campaign-live").getAttribute("hx-trigger")).isEqualTo("every 2s");
    String before = find(".progress-text").getText();

    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreException(StaleElementReferenceException.class)
        .until(() -> find(".progress-text").getText().startsWith("100 %"));
    assertThat(before).doesNotStartWith("100 %");
    assertThat(script("return window.__noReload")).as("the page was never reloaded").isEqualTo(1L);
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreException(StaleElementReferenceException.class)
        .until(() -> find("#campaign-live .badge").getText().equals("completed"));
    assertThat(find("#campaign-live").getAttribute("hx-trigger"))
        .as("a completed campaign is no longer polled")
        .isNull();
    assertThat(pageText()).contains("2 of 2 contacts done").doesNotContain("Pause");
    assertThat(
            find("a[href='" + TEMPORAL_UI + "/namespaces/default/workflows/campaign-" + id + "']")
                .getText())
        .isEqualTo("campaign-" + id);
    screenshot("campaign-completed");

    JsonNode campaign = api.get("/api/campaigns/" + id, token).json();
    assertThat(campaign.path("status").asText()).isEqualTo("completed");
    assertThat(campaign.path("completed_calls").asInt()).isEqualTo(2);

    click("Queue");
    assertThat(path()).isEqualTo("/campaigns/" + id + "/queue");
    assertThat(findAll("tbody tr")).hasSize(2);
    assertThat(pageText()).contains("Ada Lovelace").contains("Grace Hopper").doesNotContain("Alan");
    assertThat(pageText()).contains(numbers.get(0)).contains("completed");
    screenshot("campaign-queue");

    click("Analytics");
    assertThat(pageText()).contains("Answer rate by hour").contains("Outcomes");
    assertThat(find("section[aria-label='Key figures']").getText())
        .contains("100 %")
        .contains("2 answered");
    screenshot("campaign-analytics");

    find(".tabs a[href='/calls?campaign_id=" + id + "']").click();
    await().atMost(Duration.ofSeconds(10)).until(() -> path().contains("campaign_id=" + id));
    assertThat(findAll("tbody tr")).hasSize(2);
    assertThat(new Select(field("Campaign")).getFirstSelectedOption().getText())
        .isEqualTo("Winter outreach");

    open("/campaigns");
    assertThat(pageText()).contains("Winter outreach").contains("2 of 2 done");
    screenshot("campaigns-list");
  }

  @Test
  void theOwnerPausesResumesAndCancelsWithAConfirmation() {
    TestUser user = signUpInBrowser("Pauser");
    String token = token(user);
    UUID agentId = agent(token, "Patient");
    contact(token, "Katherine Johnson", freshNumber());
    // Starting tomorrow: the campaign is scheduled, so nobody is dialed while it is changed.
    var created =
        api.post(
            "/api/campaigns",
            token,
            campaignBody(agentId, LocalDate.now(ZoneOffset.UTC).plusDays(1)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asText();

    open("/campaigns/" + id);
    click("Start");
    awaitText("The campaign is scheduled");
    assertThat(campaignStatus(token, id)).isEqualTo("scheduled");

    clickLive("Pause");
    awaitText("Paused. Calls in progress finish");
    assertThat(campaignStatus(token, id)).isEqualTo("paused");
    assertThat(find("#campaign-live .badge").getText()).isEqualTo("paused");
    screenshot("campaign-paused");

    clickLive("Resume");
    awaitText("The campaign is scheduled");
    assertThat(campaignStatus(token, id)).isEqualTo("scheduled");

    clickLive("Cancel campaign");
    assertThat(browser.switchTo().alert().getText()).contains("Cancel this campaign?");
    browser.switchTo().alert().dismiss();
    assertThat(campaignStatus(token, id)).isEqualTo("scheduled");

    clickLive("Cancel campaign");
    browser.switchTo().alert().accept();
    awaitText("Cancelled. Nobody still queued will be called");
    assertThat(campaignStatus(token, id)).isEqualTo("cancelled");
    assertThat(find("#campaign-live").getAttribute("hx-trigger")).isNull();
    assertThat(findAll("#campaign-live button")).isEmpty();
    assertThat(
            jdbc.sql("SELECT status FROM call_queue WHERE campaign_id = :id")
                .param("id", UUID.fromString(id))
                .query(String.class)
                .single())
        .isEqualTo("cancelled");
    screenshot("campaign-cancelled");
  }

  @Test
  void aRefusedFormSaysWhatIsWrongWithEachFieldAndKeepsWhatWasTyped() {
    TestUser user = signUpInBrowser("Careful");
    String token = token(user);
    agent(token, "Precise");
    contact(token, "Dorothy Vaughan", freshNumber());

    open("/campaigns/new");
    fill("Name", " ");
    fill("Next action", "Call back");
    fill("Attempts per contact", "11");
    click("Create campaign");
    assertThat(pageText())
        .contains("Some fields need attention")
        .contains("must not be blank")
        .contains("must be less than or equal to 10");
    assertThat(find("#name-error").getText()).isEqualTo("must not be blank");
    assertThat(find("#maxAttempts-error").getText()).contains("less than or equal to 10");
    assertThat(field("Next action").getAttribute("value")).isEqualTo("Call back");
    screenshot("new-campaign-refused");

    fill("Name", "Night shift");
    fill("Attempts per contact", "3");
    set("First call", "10:00");
    set("Last call", "10:00");
    click("Create campaign");
    assertThat(find("#lastCallTime-error").getText()).contains("must differ");
    assertThat(field("Name").getAttribute("value")).isEqualTo("Night shift");
    assertThat(field("Attempts per contact").getAttribute("value")).isEqualTo("3");

    set("Last call", "18:00");
    field("Only the contacts I pick").click();
    click("Create campaign");
    assertThat(find("#contactIds-error").getText()).contains("pick at least one contact");

    assertThat(api.get("/api/campaigns", token).json().path("items").size())
        .as("nothing was created")
        .isZero();
  }

  @Test
  void aNewUserIsToldWhatACampaignNeedsAndAnotherTenantsCampaignIsNotFound() {
    TestUser owner = signup("owner");
    UUID ownerAgent = agent(owner.token(), "Theirs");
    contact(owner.token(), "Hedy Lamarr", freshNumber());
    String theirs =
        api.post(
                "/api/campaigns",
                owner.token(),
                campaignBody(ownerAgent, LocalDate.now(ZoneOffset.UTC).plusDays(1)))
            .json()
            .path("id")
            .asText();

    signUpInBrowser("Newcomer");
    open("/campaigns");
    assertThat(pageText()).contains("Create your first campaign");
    assertThat(findAll("a[href='/agents/new']")).isNotEmpty();
    assertThat(findAll("a[href='/contacts/import']")).isNotEmpty();
    screenshot("campaigns-empty");
    open("/campaigns/new");
    assertThat(pageText()).contains("Create an agent first");
    assertThat(findAll("form.campaign-form")).isEmpty();

    for (String path :
        List.of(
            "/campaigns/" + theirs,
            "/campaigns/" + theirs + "/queue",
            "/campaigns/" + theirs + "/analytics",
            "/campaigns/" + theirs + "/live")) {
      open(path);
      assertThat(pageText())
          .as(path)
          .contains("This page does not exist, or it is not yours")
          .doesNotContain("Hedy");
    }
    assertThat(browser.findElements(By.tagName("h1")).get(0).getText()).contains("does not exist");
  }
}
