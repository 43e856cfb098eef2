package dev.outdial.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Contacts in the console: found, made, changed, flagged, deleted and exported. */
class ConsoleContactsIT extends ConsoleTestSupport {

  @Test
  void theSearchFindsByNameNumberOrEmailAndTheCustomerFilterNarrowsIt() {
    TestUser user = signUpInBrowser("Sally Search");
    String token = login(user.email(), user.password());
    open("/contacts");
    assertThat(pageText()).contains("Add your first contacts");
    screenshot("contacts-empty");

    contact(token, Map.of("name", "Ada Lovelace", "phone_number", "+14155552671"));
    contact(
        token,
        Map.of(
            "name",
            "Grace Hopper",
            "phone_number",
            "+14155552672",
            "email",
            "grace@navy.example",
            "company",
            "US Navy",
            "is_customer",
            true));
    contact(token, Map.of("name", "Alan Turing", "phone_number", "+442079460958"));

    open("/contacts");
    assertNames("Alan Turing", "Grace Hopper", "Ada Lovelace");
    assertThat(pageText()).contains("Customer");
    screenshot("contacts-list");

    fill("Search", "lovelace");
    click("Search");
    assertNames("Ada Lovelace");
    assertThat(path()).contains("search=lovelace");

    fill("Search", "navy.example");
    click("Search");
    assertNames("Grace Hopper");

    fill("Search", "+44");
    click("Search");
    assertNames("Alan Turing");

    fill("Search", "");
    choose("Customers", "Customers only");
    click("Search");
    assertNames("Grace Hopper");
    choose("Customers", "Not customers");
    click("Search");
    assertNames("Alan Turing", "Ada Lovelace");

    fill("Search", "nobody-has-this");
    click("Search");
    see("No contact matches");
    screenshot("contacts-no-match");
  }

  @Test
  void aLongListIsPagedWithANextPageLink() {
    TestUser user = signUpInBrowser("Paula Pages");
    jdbc.sql(
            """
            INSERT INTO contacts (user_id, name, phone_number, created_at)
            SELECT :userId, 'Contact ' || lpad(n::text, 2, '0'), '+1415555' || lpad(n::text, 4, '0'),
                   now() - n * interval '1 minute'
            FROM generate_series(1, 53) AS n
            """)
        .param("userId", user.id())
        .update();

    open("/contacts");
    assertThat(names()).hasSize(50).startsWith("Contact 01").endsWith("Contact 50");
    click("Next page");
    assertNames("Contact 51", "Contact 52", "Contact 53");
    assertThat(pageText()).doesNotContain("Next page");
    click("First page");
    await().ignoreExceptions().untilAsserted(() -> assertThat(names()).hasSize(50));
  }

  @Test
  void aNewContactIsReadInItsRegionAndEditedWithItsDoNotCallFlag() {
    TestUser user = signUpInBrowser("Eddie Edits");
    String token = login(user.email(), user.password());
    open("/contacts/new");
    fill("Name", "Ada Lovelace");
    fill("Phone number", "(415) 555-2671");
    click("Save contact");
    assertThat(awaitFind("#phoneNumber-error").getText()).contains("has no country code");
    screenshot("contact-new-refused");

    choose("Default country", "United States (US)");
    fill("Email", "ada@example.com");
    click("Save contact");
    see("Ada Lovelace is saved with the number +14155552671.");
    assertThat(path()).matches("/contacts/[0-9a-f-]{36}");
    String id = path().substring("/contacts/".length());

    fill("Company", "Analytical Engines");
    fill("Email", "");
    field("Do not call").click();
    field("Customer").click();
    click("Save changes");
    see("Your changes are saved.");
    assertThat(pageText()).contains("asked not to be called again");
    screenshot("contact-detail");

    JsonNode ada = api.get("/api/contacts/" + id, token).json();
    assertThat(ada.path("company").asText()).isEqualTo("Analytical Engines");
    assertThat(ada.path("do_not_call").asBoolean()).isTrue();
    assertThat(ada.path("is_customer").asBoolean()).isTrue();
    assertThat(ada.hasNonNull("email")).isFalse();

    open("/contacts");
    WebElement row = find("tbody tr");
    assertThat(row.getText()).contains("Ada Lovelace", "Do not call", "Customer");

    open("/contacts/" + id);
    field("Do not call").click();
    fill("Name", " ");
    click("Save changes");
    assertThat(awaitFind("#name-error").getText()).isEqualTo("must not be blank");
    assertThat(api.get("/api/contacts/" + id, token).json().path("do_not_call").asBoolean())
        .isTrue();
    fill("Name", "Ada King");
    click("Save changes");
    see("Your changes are saved.");
    JsonNode changed = api.get("/api/contacts/" + id, token).json();
    assertThat(changed.path("name").asText()).isEqualTo("Ada King");
    assertThat(changed.path("do_not_call").asBoolean()).isFalse();
  }

  @Test
  void aNumberTheUserHasAlreadyIsRefusedSayingSo() {
    TestUser user = signUpInBrowser("Danny Duplicates");
    contact(
        login(user.email(), user.password()),
        Map.of("name", "First", "phone_number", "+14155552671"));
    open("/contacts/new");
    fill("Name", "Second");
    fill("Phone number", "+1 415 555 2671");
    click("Save contact");
    see("You have a contact with the number +14155552671 already");
    assertThat(field("Name").getAttribute("value")).isEqualTo("Second");
  }

  @Test
  void deletingAContactAsksFirst() {
    TestUser user = signUpInBrowser("Dora Deletes");
    String token = login(user.email(), user.password());
    String id = contact(token, Map.of("name", "Short Lived", "phone_number", "+14155552671"));

    open("/contacts/" + id);
    click("Delete contact");
    browser.switchTo().alert().accept();
    see("Short Lived (+14155552671) is deleted.");
    assertThat(path()).isEqualTo("/contacts");
    assertThat(api.get("/api/contacts/" + id, token).status()).isEqualTo(404);
  }

  @Test
  void anotherTenantsContactIsNotFound() {
    TestUser owner = signup("owner");
    String id =
        contact(owner.token(), Map.of("name", "Private Person", "phone_number", "+14155552671"));
    signUpInBrowser("Nosy Neighbour");

    open("/contacts/" + id);

    assertThat(pageText())
        .contains("This page does not exist, or it is not yours")
        .doesNotContain("Private Person");
    screenshot("contact-not-found");
  }

  @Test
  void theConsoleExportsTheListItShowsAsCsv() throws Exception {
    TestUser user = signUpInBrowser("Exa Exports");
    String token = login(user.email(), user.password());
    contact(token, Map.of("name", "Ada Lovelace", "phone_number", "+14155552671"));
    contact(
        token, Map.of("name", "Grace Hopper", "phone_number", "+14155552672", "is_customer", true));

    open("/contacts");
    choose("Customers", "Customers only");
    click("Search");
    String href = browser.findElement(By.linkText("Export CSV")).getAttribute("href");
    assertThat(href).contains("/contacts/export.csv").contains("is_customer=true");

    String session = browser.manage().getCookieNamed("OUTDIAL_SESSION").getValue();
    HttpResponse<String> csv =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(href))
                    .header("Cookie", "OUTDIAL_SESSION=" + session)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("contacts.csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "\uFEFFid,name,phone_number,email,company,notes,is_customer,do_not_call,"
                + "not_connected,created_at");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).contains("Grace Hopper", "+14155552672");

    HttpResponse<String> signedOut =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url("/contacts/export.csv"))).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(signedOut.statusCode()).isEqualTo(302);
  }

  /** Waits for the list to show exactly these names, in order (a search reloads the page). */
  private void assertNames(String... expected) {
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(names()).containsExactly(expected));
  }

  private List<String> names() {
    return findAll("tbody tr td:first-child a").stream().map(WebElement::getText).toList();
  }

  private String contact(String token, Map<String, Object> body) {
    var answer = api.post("/api/contacts", token, body);
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json().path("id").asText();
  }
}
