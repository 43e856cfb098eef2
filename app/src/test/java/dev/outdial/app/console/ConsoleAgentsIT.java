package dev.outdial.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Agents in the console: made, changed and deleted through the same rules as the API. */
class ConsoleAgentsIT extends ConsoleTestSupport {

  @Test
  void aNewUserCreatesAnAgentFromTheEmptyListAndEditsIt() {
    TestUser user = signUpInBrowser("Ada Agents");
    String token = login(user.email(), user.password());
    open("/agents");
    assertThat(pageText()).contains("Create your first agent");
    screenshot("agents-empty");

    click("New agent");
    fill("Name", "Demo booker");
    fill("Description", "Calls new sign-ups and books a demo");
    fill("Welcome message", "Hi, this is Outdial calling about your sign-up.");
    fill("Prompt", "You are a friendly assistant. Offer a demo next week.");
    screenshot("agent-new");
    click("Create agent");

    see("The agent Demo booker is ready at Bolna");
    assertThat(path()).matches("/agents/[0-9a-f-]{36}");
    screenshot("agent-detail");
    JsonNode agent = api.get("/api/agents", token).json().path("items").get(0);
    assertThat(agent.path("name").asText()).isEqualTo("Demo booker");
    assertThat(agent.path("welcome_message").asText())
        .isEqualTo("Hi, this is Outdial calling about your sign-up.");
    assertThat(pageText()).contains(agent.path("bolna_agent_id").asText());

    fill("Name", "Demo booker (EU)");
    field("Active").click();
    click("Save changes");
    see("Your changes are saved");
    JsonNode changed = api.get("/api/agents/" + agent.path("id").asText(), token).json();
    assertThat(changed.path("name").asText()).isEqualTo("Demo booker (EU)");
    assertThat(changed.path("is_active").asBoolean()).isFalse();
    assertThat(changed.path("prompt").asText())
        .isEqualTo("You are a friendly assistant. Offer a demo next week.");

    open("/agents");
    assertThat(pageText()).contains("Demo booker (EU)").contains("Inactive");
    screenshot("agents-list");
  }

  @Test
  void aBlankNameAndAConfigurationThatIsNotJsonAreRefusedFieldByField() {
    TestUser user = signUpInBrowser("Blank Names");
    String token = login(user.email(), user.password());
    open("/agents/new");
    fill("Name", "   ");
    find("details.configs summary").click();
    fill("Voice configuration", "{\"voice\": ");
    click("Create agent");

    assertThat(awaitFind("#name-error").getText()).isEqualTo("must not be blank");
    assertThat(awaitFind("#voice-error").getText()).contains("is not valid JSON");
    assertThat(field("Voice configuration").getAttribute("value")).isEqualTo("{\"voice\": ");
    screenshot("agent-new-refused");
    assertThat(api.get("/api/agents", token).json().path("items")).isEmpty();

    fill("Name", "Configured");
    fill("Voice configuration", "{\"voice\": \"Nila\", \"language\": \"en\"}");
    click("Create agent");
    see("The agent Configured is ready at Bolna");
    JsonNode agent = api.get("/api/agents", token).json().path("items").get(0);
    assertThat(agent.path("bolna_voice_config").path("voice").asText()).isEqualTo("Nila");

    fill("Name", "");
    click("Save changes");
    assertThat(awaitFind("#name-error").isDisplayed()).isTrue();
    assertThat(pageText()).contains("Some fields need attention");
    screenshot("agent-edit-refused");
    assertThat(
            api.get("/api/agents/" + agent.path("id").asText(), token).json().path("name").asText())
        .isEqualTo("Configured");
  }

  @Test
  void deletingAnAgentAsksFirstAndRemovesIt() {
    TestUser user = signUpInBrowser("Del Agents");
    String token = login(user.email(), user.password());
    String id = createAgent(token, "Short-lived");

    open("/agents/" + id);
    click("Delete agent");
    browser.switchTo().alert().dismiss();
    assertThat(api.get("/api/agents/" + id, token).status()).isEqualTo(200);

    click("Delete agent");
    browser.switchTo().alert().accept();
    see("The agent Short-lived is deleted.");
    assertThat(path()).isEqualTo("/agents");
    assertThat(api.get("/api/agents/" + id, token).status()).isEqualTo(404);
  }

  @Test
  void anAgentACampaignUsesIsNotDeletedAndThePageSaysWhy() {
    TestUser user = signUpInBrowser("Busy Agents");
    String token = login(user.email(), user.password());
    String id = createAgent(token, "In use");
    var contact =
        api.post("/api/contacts", token, Map.of("name", "Callee", "phone_number", "+14155550123"));
    assertThat(contact.status()).as(contact.body()).isEqualTo(201);
    Map<String, Object> campaign = new HashMap<>();
    campaign.put("name", "Spring outreach");
    campaign.put("agent_id", id);
    campaign.put("next_action", "Book a demo");
    campaign.put("first_call_time", "09:00");
    campaign.put("last_call_time", "17:00");
    campaign.put("start_date", LocalDate.now().plusDays(1).toString());
    var created = api.post("/api/campaigns", token, campaign);
    assertThat(created.status()).as(created.body()).isEqualTo(201);

    open("/agents/" + id);
    click("Delete agent");
    browser.switchTo().alert().accept();

    see("The agent was not deleted.");
    assertThat(pageText())
        .contains("The agent is used by 1 campaign(s); delete or change them first");
    screenshot("agent-delete-refused");
    assertThat(api.get("/api/agents/" + id, token).status()).isEqualTo(200);
  }

  @Test
  void anotherTenantsAgentIsNotFound() {
    TestUser owner = signup("owner");
    String id = createAgent(owner.token(), "Private");
    signUpInBrowser("Curious Agents");

    open("/agents/" + id);

    assertThat(pageText()).contains("This page does not exist, or it is not yours");
    assertThat(browser.findElements(By.cssSelector("form[action$='/delete']"))).isEmpty();
  }

  private String createAgent(String token, String name) {
    var answer =
        api.post(
            "/api/agents",
            token,
            Map.of("name", name, "welcome_message", "Hello", "prompt", "Be brief."));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json().path("id").asText();
  }
}
