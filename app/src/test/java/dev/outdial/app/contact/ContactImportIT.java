package dev.outdial.app.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.app.testing.ApiClient.Answer;
import dev.outdial.app.testing.ApiTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactImportIT extends ApiTestSupport {

  /** What spreadsheets and CRMs really export: national numbers, blanks, duplicates, bad quotes. */
  private static final String MESSY_CSV =
      "\uFEFFName,Phone Number,Email,Company,Notes,Plan\n"
          + "Ada Lovelace,(415) 555-2671,ada@example.com,\"Analytical, Inc\",likes math,gold\n"
          + "\n"
          + "  Alan Turing , +44 20 7946 0958 ,,Bletchley,,\n"
          + "Grace Hopper,415.555.2672,grace@example,Navy,,\n"
          + "Broken Quote,\"+1 415 555 2673,x@example.com,Oops,,\n"
          + "Edsger Dijkstra,+31 20 123 4567,,\"Eindhoven\",\"multi\nline note\",silver\n"
          + "No Phone,,nophone@example.com,,,\n"
          + ",+1 415 555 2674,,,,\n"
          + "Ada Again,+14155552671,,,,\n"
          + "Bad Number,12345,,,,\n"
          + "Linus,+1 (415) 555-2675,,,,\n";

  private Answer importCsv(String token, String csv, String query) {
    return api.send(
        "POST", "/api/contacts/import" + query, token, csv, Map.of("Content-Type", "text/csv"));
  }

  @Test
  void aMessyFileImportsItsGoodRowsAndReportsEachBadOneByLine() {
    TestUser user = signup("importer");

    var answer = importCsv(user.token(), MESSY_CSV, "?default_region=US");

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode report = answer.json();
    assertThat(report.path("imported").asInt()).isEqualTo(4);
    assertThat(report.path("updated").asInt()).isZero();
    assertThat(report.path("skipped").asInt()).isEqualTo(1);
    assertThat(report.path("failed").asInt()).isEqualTo(5);
    List<String> errors = new ArrayList<>();
    report
        .path("errors")
        .forEach(e -> errors.add(e.path("line").asInt() + ": " + e.path("reason").asText()));
    assertThat(errors)
        .hasSize(5)
        .anySatisfy(e -> assertThat(e).startsWith("5: email"))
        .anySatisfy(e -> assertThat(e).startsWith("6: broken quotes"))
        .anySatisfy(e -> assertThat(e).startsWith("9: phone_number is empty"))
        .anySatisfy(e -> assertThat(e).startsWith("10: name is empty"))
        .anySatisfy(e -> assertThat(e).startsWith("12: phone_number"));

    var contacts = api.get("/api/contacts?limit=50", user.token()).json().path("items");
    List<String> numbers = new ArrayList<>();
    contacts.forEach(c -> numbers.add(c.path("phone_number").asText()));
    assertThat(numbers)
        .containsExactlyInAnyOrder("+14155552671", "+442079460958", "+31201234567", "+14155552675");
    JsonNode ada = findByNumber(contacts, "+14155552671");
    assertThat(ada.path("name").asText()).isEqualTo("Ada Lovelace");
    assertThat(ada.path("company").asText()).isEqualTo("Analytical, Inc");
    assertThat(ada.path("user_data").path("plan").asText()).isEqualTo("gold");
    assertThat(findByNumber(contacts, "+31201234567").path("notes").asText())
        .isEqualTo("multi\nline note");
    assertThat(findByNumber(contacts, "+442079460958").path("name").asText())
        .isEqualTo("Alan Turing");
  }

  @Test
  void importingTheSameFileAgainAddsNothing() {
    TestUser user = signup("reimport");
    importCsv(user.token(), MESSY_CSV, "?default_region=US");

    var again = importCsv(user.token(), MESSY_CSV, "?default_region=US").json();

    assertThat(again.path("imported").asInt()).isZero();
    assertThat(again.path("updated").asInt()).isZero();
    assertThat(again.path("skipped").asInt()).isEqualTo(5);
    assertThat(api.get("/api/contacts", user.token()).json().path("items").size()).isEqualTo(4);
  }

  @Test
  void aRowWithNewDetailsUpdatesTheContactWithThatNumber() {
    TestUser user = signup("update");
    importCsv(user.token(), "name,phone_number,company\nAda,+14155552671,Old Co\n", "");

    var report =
        importCsv(
                user.token(),
                "name,phone_number,company,email\nAda L,+14155552671,,ada@example.com\n",
                "")
            .json();
    JsonNode ada = api.get("/api/contacts", user.token()).json().path("items").get(0);

    assertThat(report.path("updated").asInt()).isEqualTo(1);
    assertThat(ada.path("name").asText()).isEqualTo("Ada L");
    assertThat(ada.path("company").asText()).isEqualTo("Old Co");
    assertThat(ada.path("email").asText()).isEqualTo("ada@example.com");
  }

  @Test
  void aFileWithoutTheRequiredColumnsIsRefusedWhole() {
    TestUser user = signup("noheader");

    var answer = importCsv(user.token(), "full name,fax\nAda,+14155552671\n", "");
    var empty = importCsv(user.token(), "", "");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("detail").asText()).contains("phone_number");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(api.get("/api/contacts", user.token()).json().path("items").size()).isZero();
  }

  @Test
  void aWorkbookSentInsteadOfCsvIsRefusedSayingSo() {
    TestUser user = signup("workbook");

    var answer = importCsv(user.token(), "PK\u0003\u0004\u0014\u0000\u0006\u0000xl/\n\u0000", "");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("detail").asText())
        .contains("not CSV text")
        .contains("save it as CSV (UTF-8)");
  }

  @Test
  void semicolonSeparatedFilesAsEuropeanSpreadsheetsWriteThemAreRead() {
    TestUser user = signup("semicolon");

    var report =
        importCsv(
                user.token(),
                "name;phone_number;company\nJean;06 12 34 56 78;Société, SA\n",
                "?default_region=FR")
            .json();

    assertThat(report.path("imported").asInt()).isEqualTo(1);
    JsonNode jean = api.get("/api/contacts", user.token()).json().path("items").get(0);
    assertThat(jean.path("phone_number").asText()).isEqualTo("+33612345678");
    assertThat(jean.path("company").asText()).isEqualTo("Société, SA");
  }

  @Test
  void aMultipartUploadImportsLikeACsvBody() throws Exception {
    TestUser user = signup("multipart");
    String boundary = "----outdial-test-boundary";
    String body =
        "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"contacts.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n"
            + "name,phone_number\nAda,+14155552671\nAlan,+442079460958\n\r\n"
            + "--"
            + boundary
            + "--\r\n";
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/contacts/import"))
                    .header("Authorization", "Bearer " + user.token())
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("\"imported\":2");
  }

  @Test
  void importNeedsAToken() {
    assertThat(importCsv(null, "name,phone_number\nA,+14155552671\n", "").status()).isEqualTo(401);
  }

  private static JsonNode findByNumber(JsonNode contacts, String number) {
    for (JsonNode contact : contacts) {
      if (contact.path("phone_number").asText().equals(number)) {
        return contact;
      }
    }
    throw new AssertionError("no contact " + number);
  }
}
