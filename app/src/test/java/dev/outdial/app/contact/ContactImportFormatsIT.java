package dev.outdial.app.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.app.testing.ApiClient.Answer;
import dev.outdial.app.testing.ApiTestSupport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exports of common address books and CRMs import as they are, or with a mapping. */
class ContactImportFormatsIT extends ApiTestSupport {

  private Answer importCsv(TestUser user, String csv, String query) {
    return api.send(
        "POST",
        "/api/contacts/import" + query,
        user.token(),
        csv,
        Map.of("Content-Type", "text/csv"));
  }

  private static String mapping(String json) {
    return "mapping=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  private JsonNode onlyContact(TestUser user) {
    JsonNode items = api.get("/api/contacts", user.token()).json().path("items");
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private JsonNode imported(TestUser user, String csv, String query) {
    Answer answer = importCsv(user, csv, query);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("imported").asInt()).as(answer.body()).isEqualTo(1);
    return answer.json().path("mapping");
  }

  @Test
  void aHubSpotExportJoinsFirstAndLastNameAndKeepsTheRestAsUserData() {
    TestUser user = signup("hubspot");

    JsonNode mapping =
        imported(
            user,
            "First Name,Last Name,Email,Phone Number,Company Name,Lifecycle Stage\n"
                + "Ada,Lovelace,ada@example.com,(415) 555-2671,Analytical Engines,lead\n",
            "?default_region=US");

    assertThat(mapping.path("format").asText()).isEqualTo("hubspot");
    assertThat(mapping.path("name").toString()).isEqualTo("[\"First Name\",\"Last Name\"]");
    assertThat(mapping.path("phone_number").asText()).isEqualTo("Phone Number");
    assertThat(mapping.path("company").asText()).isEqualTo("Company Name");
    JsonNode ada = onlyContact(user);
    assertThat(ada.path("name").asText()).isEqualTo("Ada Lovelace");
    assertThat(ada.path("phone_number").asText()).isEqualTo("+14155552671");
    assertThat(ada.path("email").asText()).isEqualTo("ada@example.com");
    assertThat(ada.path("company").asText()).isEqualTo("Analytical Engines");
    assertThat(ada.path("user_data").path("lifecycle_stage").asText()).isEqualTo("lead");
  }

  @Test
  void aGoogleContactsExportReadsPhoneAndEmailOne() {
    TestUser user = signup("google");

    JsonNode mapping =
        imported(
            user,
            "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,"
                + "Phone 1 - Value,Organization 1 - Name\n"
                + "Alan Turing,Alan,Turing,* Work,alan@example.org,Mobile,+44 20 7946 0958,"
                + "Bletchley Park\n",
            "");

    assertThat(mapping.path("format").asText()).isEqualTo("google_contacts");
    JsonNode alan = onlyContact(user);
    assertThat(alan.path("name").asText()).isEqualTo("Alan Turing");
    assertThat(alan.path("phone_number").asText()).isEqualTo("+442079460958");
    assertThat(alan.path("email").asText()).isEqualTo("alan@example.org");
    assertThat(alan.path("company").asText()).isEqualTo("Bletchley Park");
    assertThat(alan.path("user_data").path("phone_1_type").asText()).isEqualTo("Mobile");
  }

  @Test
  void aSalesforceReportTakesPhoneBeforeMobileAndTheAccountAsCompany() {
    TestUser user = signup("salesforce");

    JsonNode mapping =
        imported(
            user,
            "First Name,Last Name,Title,Account Name,Phone,Mobile Phone,Email,Lead Source\n"
                + "Grace,Hopper,Admiral,US Navy,+1 415 555 2672,+1 415 555 2699,"
                + "grace@example.com,Web\n",
            "");

    assertThat(mapping.path("format").asText()).isEqualTo("salesforce");
    JsonNode grace = onlyContact(user);
    assertThat(grace.path("name").asText()).isEqualTo("Grace Hopper");
    assertThat(grace.path("phone_number").asText()).isEqualTo("+14155552672");
    assertThat(grace.path("company").asText()).isEqualTo("US Navy");
    assertThat(grace.path("user_data").path("mobile_phone").asText()).isEqualTo("+1 415 555 2699");
  }

  @Test
  void anOutlookExportTakesTheMobilePhoneAndTheEmailAddress() {
    TestUser user = signup("outlook");

    JsonNode mapping =
        imported(
            user,
            "First Name,Middle Name,Last Name,Company,Business Phone,Mobile Phone,E-mail Address\n"
                + "Edsger,W.,Dijkstra,TU Eindhoven,+31 40 247 9111,+31 6 1234 5678,"
                + "ewd@example.nl\n",
            "");

    assertThat(mapping.path("format").asText()).isEqualTo("outlook");
    JsonNode edsger = onlyContact(user);
    assertThat(edsger.path("name").asText()).isEqualTo("Edsger W. Dijkstra");
    assertThat(edsger.path("phone_number").asText()).isEqualTo("+31612345678");
    assertThat(edsger.path("email").asText()).isEqualTo("ewd@example.nl");
  }

  @Test
  void aPlainExcelSheetWithAByteOrderMarkImports() {
    TestUser user = signup("excel");

    JsonNode mapping =
        imported(
            user,
            "\uFEFFFull Name,Telephone,Notes\r\nLinus,0412 345 678,call after 5\r\n",
            "?default_region=AU");

    assertThat(mapping.path("format").asText()).isEqualTo("standard");
    assertThat(mapping.path("name").toString()).isEqualTo("[\"Full Name\"]");
    JsonNode linus = onlyContact(user);
    assertThat(linus.path("phone_number").asText()).isEqualTo("+61412345678");
    assertThat(linus.path("notes").asText()).isEqualTo("call after 5");
  }

  @Test
  void anExplicitMappingSendsAnyColumnsWhereTheUserSays() {
    TestUser user = signup("mapped");

    JsonNode mapping =
        imported(
            user,
            "Vorname,Nachname,Handy,Firma,Kundennummer\nKonrad,Zuse,+49 30 1234567,Zuse KG,42\n",
            "?"
                + mapping(
                    "{\"name\": [\"Vorname\", \"Nachname\"], \"phone_number\": \"Handy\","
                        + " \"company\": \"firma\"}"));

    assertThat(mapping.path("format").asText()).isEqualTo("custom");
    assertThat(mapping.path("user_data").toString()).isEqualTo("[\"kundennummer\"]");
    JsonNode konrad = onlyContact(user);
    assertThat(konrad.path("name").asText()).isEqualTo("Konrad Zuse");
    assertThat(konrad.path("phone_number").asText()).isEqualTo("+49301234567");
    assertThat(konrad.path("company").asText()).isEqualTo("Zuse KG");
    assertThat(konrad.path("user_data").path("kundennummer").asText()).isEqualTo("42");
  }

  @Test
  void aMappingThatDoesNotFitTheFileIsRefusedSayingWhy() {
    TestUser user = signup("badmap");
    String csv = "Vorname,Handy\nKonrad,+49 30 1234567\n";

    var unknownColumn =
        importCsv(user, csv, "?" + mapping("{\"name\": \"Name\", \"phone_number\": \"Handy\"}"));
    var unknownField =
        importCsv(
            user,
            csv,
            "?" + mapping("{\"name\": \"Vorname\", \"phone_number\": \"Handy\", \"fax\": \"x\"}"));
    var noPhone = importCsv(user, csv, "?" + mapping("{\"name\": \"Vorname\"}"));
    var notJson = importCsv(user, csv, "?" + mapping("name=Vorname"));
    var noHeaders = importCsv(user, csv, "");

    assertThat(unknownColumn.status()).isEqualTo(400);
    assertThat(unknownColumn.json().path("detail").asText())
        .contains("'Name'", "found: Vorname, Handy");
    assertThat(unknownField.json().path("detail").asText()).contains("unknown field fax");
    assertThat(noPhone.json().path("detail").asText()).contains("phone_number");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().path("detail").asText()).contains("mapping is not JSON");
    assertThat(noHeaders.status()).isEqualTo(400);
    assertThat(noHeaders.json().path("detail").asText()).contains("send a mapping");
    assertThat(api.get("/api/contacts", user.token()).json().path("items")).isEmpty();
  }
}
