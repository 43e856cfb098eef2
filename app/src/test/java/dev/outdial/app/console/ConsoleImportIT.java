package dev.outdial.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Importing contacts in the console: upload, the mapping step with what the importer recognised,
 * and the report. The file goes through the same importer as {@code POST /api/contacts/import}.
 */
class ConsoleImportIT extends ConsoleTestSupport {

  private static final List<String> FIELDS =
      List.of("name1", "name2", "name3", "phone", "email", "company", "notes");

  @TempDir Path files;

  @Test
  void aHubSpotExportIsRecognisedAndImportedWithFirstAndLastNameJoined() throws IOException {
    TestUser user = signUpInBrowser("Hub Spotter");
    String token = login(user.email(), user.password());
    open("/contacts");
    click("Import contacts");
    screenshot("import-upload");

    upload(
        "hubspot.csv",
        "First Name,Last Name,Email,Phone Number,Company Name,Lifecycle Stage\n"
            + "Ada,Lovelace,ada@example.com,(415) 555-2671,Analytical Engines,lead\n"
            + "Charles,Babbage,charles@example.com,+44 20 7946 0958,Difference Engines,customer\n");

    see("Recognised as a HubSpot export");
    assertThat(pageText()).contains("hubspot.csv").contains("Lovelace").contains("Babbage");
    assertThat(mapping())
        .containsEntry("name1", "First Name")
        .containsEntry("name2", "Last Name")
        .containsEntry("name3", "")
        .containsEntry("phone", "Phone Number")
        .containsEntry("email", "Email")
        .containsEntry("company", "Company Name")
        .containsEntry("notes", "");
    choose("Default country", "United States (US)");
    screenshot("import-mapping-hubspot");
    click("Import contacts");

    see("Import finished");
    assertThat(kpis()).contains("imported\n2").contains("failed\n0");
    assertThat(pageText())
        .contains("Read as a HubSpot export")
        .contains("First Name + Last Name")
        .contains("lifecycle_stage");
    screenshot("import-report-hubspot");

    click("See your contacts");
    see("Charles Babbage");
    assertThat(pageText()).contains("Ada Lovelace");
    screenshot("contacts-after-import");
    JsonNode ada = contactNamed(token, "Ada Lovelace");
    assertThat(ada.path("phone_number").asText()).isEqualTo("+14155552671");
    assertThat(ada.path("company").asText()).isEqualTo("Analytical Engines");
    assertThat(ada.path("user_data").path("lifecycle_stage").asText()).isEqualTo("lead");
  }

  @Test
  void aFileOfItsOwnIsMappedByHand() throws IOException {
    TestUser user = signUpInBrowser("Konrad Mapper");
    String token = login(user.email(), user.password());
    open("/contacts/import");
    upload(
        "kunden.csv",
        "Vorname;Nachname;Handy;Firma;Kundennummer\n"
            + "Konrad;Zuse;+49 30 1234567;Zuse KG;42\n"
            + "Heinz;Nixdorf;05251 123456;Nixdorf Computer;43\n");

    see("The columns were not recognised");
    assertThat(mapping().values()).allMatch(String::isEmpty);
    screenshot("import-mapping-custom");

    choose("Name: first column", "Vorname");
    click("Import contacts");
    assertThat(awaitFind("#phone-error").getText())
        .isEqualTo("Choose the column with the phone number.");
    assertThat(selected("name1")).isEqualTo("Vorname");
    screenshot("import-mapping-refused");

    choose("Name: second column", "Nachname");
    choose("Phone number", "Handy");
    choose("Company", "Firma");
    choose("Default country", "Germany (DE)");
    click("Import contacts");

    see("Import finished");
    assertThat(kpis()).contains("imported\n2");
    assertThat(pageText())
        .contains("Read as the columns you chose")
        .contains("Vorname + Nachname")
        .contains("kundennummer");
    JsonNode konrad = contactNamed(token, "Konrad Zuse");
    assertThat(konrad.path("phone_number").asText()).isEqualTo("+49301234567");
    assertThat(konrad.path("company").asText()).isEqualTo("Zuse KG");
    assertThat(konrad.path("user_data").path("kundennummer").asText()).isEqualTo("42");
    assertThat(contactNamed(token, "Heinz Nixdorf").path("phone_number").asText())
        .isEqualTo("+495251123456");
  }

  @Test
  void aGoogleContactsExportIsRecognised() throws IOException {
    signUpInBrowser("Gina Google");
    open("/contacts/import");
    upload(
        "google.csv",
        "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,"
            + "Phone 1 - Value,Organization 1 - Name\n"
            + "Alan Turing,Alan,Turing,* Work,alan@example.org,Mobile,+44 20 7946 0958,"
            + "Bletchley Park\n");

    see("Recognised as a Google Contacts export");
    assertThat(mapping())
        .containsEntry("name1", "Name")
        .containsEntry("name2", "")
        .containsEntry("phone", "Phone 1 - Value")
        .containsEntry("email", "E-mail 1 - Value")
        .containsEntry("company", "Organization 1 - Name");
    screenshot("import-mapping-google");
  }

  @Test
  void aSalesforceReportIsRecognised() throws IOException {
    signUpInBrowser("Sam Salesforce");
    open("/contacts/import");
    upload(
        "salesforce.csv",
        "First Name,Last Name,Title,Account Name,Phone,Mobile Phone,Email,Lead Source\n"
            + "Grace,Hopper,Admiral,US Navy,+1 415 555 2672,+1 415 555 2699,"
            + "grace@example.com,Web\n");

    see("Recognised as a Salesforce report");
    assertThat(mapping())
        .containsEntry("name1", "First Name")
        .containsEntry("name2", "Last Name")
        .containsEntry("phone", "Phone")
        .containsEntry("email", "Email")
        .containsEntry("company", "Account Name");
  }

  @Test
  void anOutlookExportIsRecognised() throws IOException {
    signUpInBrowser("Olli Outlook");
    open("/contacts/import");
    upload(
        "outlook.csv",
        "First Name,Middle Name,Last Name,Company,Business Phone,Mobile Phone,E-mail Address\n"
            + "Edsger,W.,Dijkstra,TU Eindhoven,+31 40 247 9111,+31 6 1234 5678,"
            + "ewd@example.nl\n");

    see("Recognised as an Outlook export");
    assertThat(mapping())
        .containsEntry("name1", "First Name")
        .containsEntry("name2", "Middle Name")
        .containsEntry("name3", "Last Name")
        .containsEntry("phone", "Mobile Phone")
        .containsEntry("email", "E-mail Address")
        .containsEntry("company", "Company");
  }

  @Test
  void anExcelSheetWithAByteOrderMarkAndSemicolonsIsRecognised() throws IOException {
    TestUser user = signUpInBrowser("Excel Ellie");
    String token = login(user.email(), user.password());
    open("/contacts/import");
    upload(
        "excel.csv",
        "\uFEFFFull Name;Telephone;Notes\r\nLinus Torvalds;0412 345 678;call after 5\r\n");

    see("Recognised as a sheet with standard column names");
    assertThat(mapping())
        .containsEntry("name1", "Full Name")
        .containsEntry("phone", "Telephone")
        .containsEntry("notes", "Notes");
    assertThat(find("table.preview thead").getText()).startsWith("FULL NAME");
    screenshot("import-mapping-excel");
    choose("Default country", "Australia (AU)");
    click("Import contacts");

    see("Import finished");
    JsonNode linus = contactNamed(token, "Linus Torvalds");
    assertThat(linus.path("phone_number").asText()).isEqualTo("+61412345678");
    assertThat(linus.path("notes").asText()).isEqualTo("call after 5");
  }

  @Test
  void theReportListsEachBadLineWithItsReasonAndTheGoodLinesLand() throws IOException {
    TestUser user = signUpInBrowser("Betty Badlines");
    String token = login(user.email(), user.password());
    open("/contacts/import");
    upload(
        "mixed.csv",
        "name,phone_number,email\n"
            + "Good One,+14155550101,one@example.com\n"
            + "No Number,,\n"
            + ",+14155550102,\n"
            + "Bad Number,12,\n"
            + "Bad Email,+14155550103,not-an-email\n"
            + "\"Broken Quote,+14155550104,\n"
            + "Good Two,+14155550105,\n"
            + "Good One Again,+14155550101,\n");

    see("Recognised as a sheet with standard column names");
    click("Import contacts");

    see("Import finished");
    assertThat(kpis()).contains("imported\n2").contains("skipped\n1").contains("failed\n5");
    Map<String, String> reasons = new LinkedHashMap<>();
    for (WebElement row : findAll("table.import-errors tbody tr")) {
      List<WebElement> cells = row.findElements(By.tagName("td"));
      reasons.put(cells.get(0).getText(), cells.get(1).getText());
    }
    assertThat(reasons).containsOnlyKeys("3", "4", "5", "6", "7");
    assertThat(reasons.get("3")).isEqualTo("phone_number is empty");
    assertThat(reasons.get("4")).isEqualTo("name is empty");
    assertThat(reasons.get("5")).contains("'12'");
    assertThat(reasons.get("6")).contains("not-an-email");
    assertThat(reasons.get("7")).contains("broken quotes");
    screenshot("import-report-bad-lines");
    assertThat(api.get("/api/contacts", token).json().path("items")).hasSize(2);
  }

  @Test
  void aFileThatIsNotCsvIsRefusedOnTheUploadPage() throws IOException {
    TestUser user = signUpInBrowser("Bina Binary");
    String token = login(user.email(), user.password());
    open("/contacts/import");

    Path workbook = files.resolve("contacts.xlsx");
    Files.write(
        workbook,
        new byte[] {
          'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0, 'x', 'l', '/', 0, 0, 1, 2, '\n', 0, 0
        });
    field("CSV file").sendKeys(workbook.toString());
    click("Upload and check the columns");
    see("The file contacts.xlsx cannot be imported");
    assertThat(pageText()).contains("binary data").contains("CSV (UTF-8)");
    assertThat(path()).isEqualTo("/contacts/import");
    screenshot("import-upload-binary");

    upload("empty.csv", "\n\n");
    see("The file empty.csv cannot be imported. The file is empty");
    assertThat(api.get("/api/contacts", token).json().path("items")).isEmpty();
  }

  @Test
  void aFileAboveTwentyMegabytesIsRefusedSayingSo() throws IOException {
    signUpInBrowser("Bea Big");
    open("/contacts/import");
    Path big = files.resolve("big.csv");
    byte[] line = "Some Body,+14155550100,somebody@example.com\n".getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(big)) {
      out.write("name,phone_number,email\n".getBytes(StandardCharsets.UTF_8));
      for (long written = 0; written <= 21L * 1024 * 1024; written += line.length) {
        out.write(line);
      }
    }
    field("CSV file").sendKeys(big.toString());
    click("Upload and check the columns");
    see("The file is 21.0 MB; the console imports files up to 20.0 MB");
    assertThat(pageText()).contains("Split it into smaller files");
    screenshot("import-upload-too-large");
  }

  @Test
  void anUploadIsFoundOnlyInTheSessionThatMadeIt() throws IOException {
    signUpInBrowser("Ulla Upload");
    open("/contacts/import");
    upload("mine.csv", "name,phone_number\nMine,+14155550100\n");
    see("Recognised as");
    String mappingStep = path();

    signUpInBrowser("Otto Other");
    open(mappingStep);
    assertThat(pageText()).contains("That upload is no longer here").doesNotContain("Mine");
    open("/contacts/import/" + UUID.randomUUID());
    assertThat(pageText()).contains("That upload is no longer here");
    screenshot("import-upload-gone");
  }

  private void upload(String filename, String content) throws IOException {
    Path file = files.resolve(filename);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    field("CSV file").sendKeys(file.toString());
    click("Upload and check the columns");
  }

  /** The mapping step's choices: each field's selected column, "" for none. */
  private Map<String, String> mapping() {
    Map<String, String> chosen = new LinkedHashMap<>();
    for (String field : FIELDS) {
      String value = new Select(find("#" + field)).getFirstSelectedOption().getAttribute("value");
      chosen.put(field, value);
    }
    return chosen;
  }

  private String selected(String field) {
    return new Select(find("#" + field)).getFirstSelectedOption().getAttribute("value");
  }

  private JsonNode contactNamed(String token, String name) {
    for (JsonNode contact : api.get("/api/contacts?limit=500", token).json().path("items")) {
      if (contact.path("name").asText().equals(name)) {
        return contact;
      }
    }
    throw new AssertionError("No contact named " + name);
  }
}
