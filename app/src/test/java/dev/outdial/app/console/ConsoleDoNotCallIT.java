package dev.outdial.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The account's own do-not-call list in the console, kept by the same service as the API's. */
class ConsoleDoNotCallIT extends ConsoleTestSupport {

  @TempDir Path files;

  @Test
  void aNumberIsAddedSeenAndRemoved() {
    TestUser user = signUpInBrowser("Dina Donotcall");
    String token = login(user.email(), user.password());
    open("/do-not-call");
    assertThat(pageText()).contains("Your do-not-call list is empty");
    screenshot("do-not-call-empty");

    fill("Phone number", "(415) 555-0100");
    fill("Reason", "Asked by email");
    click("Add to the list");
    assertThat(awaitFind("#phoneNumber-error").getText()).contains("has no country code");

    choose("Default country", "United States (US)");
    click("Add to the list");
    see("+14155550100 is on your do-not-call list: it is never dialed.");
    assertThat(rows()).containsExactly("+14155550100");
    assertThat(pageText()).contains("Asked by email").contains("Added by hand");
    screenshot("do-not-call-list");
    JsonNode listed = api.get("/api/do-not-call", token).json().path("items");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).path("reason").asText()).isEqualTo("Asked by email");

    fill("Phone number", "+1 415 555 0100");
    click("Add to the list");
    see("+14155550100 was on your do-not-call list already.");
    assertThat(rows()).hasSize(1);

    find("button[aria-label='Remove +14155550100']").click();
    browser.switchTo().alert().dismiss();
    assertThat(rows()).hasSize(1);
    find("button[aria-label='Remove +14155550100']").click();
    browser.switchTo().alert().accept();
    see("+14155550100 is off your do-not-call list");
    assertThat(pageText()).contains("Your do-not-call list is empty");
    assertThat(api.get("/api/do-not-call", token).json().path("items")).isEmpty();
  }

  @Test
  void aCsvFileOfNumbersIsImportedAndItsBadLinesAreReported() throws IOException {
    TestUser user = signUpInBrowser("Ivo Imports");
    String token = login(user.email(), user.password());
    open("/do-not-call");
    Path csv = files.resolve("blocked.csv");
    Files.writeString(
        csv,
        "phone,reason\n"
            + "+14155550101,complained\n"
            + "not-a-number,typo\n"
            + "020 7946 0958,\n"
            + "+14155550101,again\n",
        StandardCharsets.UTF_8);
    field("CSV file of numbers").sendKeys(csv.toString());
    new Select(find("#import-region")).selectByVisibleText("United Kingdom (GB)");
    click("Import numbers");

    see("Import of blocked.csv");
    assertThat(kpis()).contains("added\n2").contains("already listed\n1").contains("failed\n1");
    assertThat(find("table.import-errors").getText()).contains("3").contains("not-a-number");
    assertThat(rows()).containsExactlyInAnyOrder("+14155550101", "+442079460958");
    assertThat(pageText()).contains("Imported");
    screenshot("do-not-call-imported");
    assertThat(api.get("/api/do-not-call", token).json().path("items")).hasSize(2);

    Path binary = files.resolve("blocked.xlsx");
    Files.write(binary, new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2, '\n', 0});
    field("CSV file of numbers").sendKeys(binary.toString());
    click("Import numbers");
    see("The file blocked.xlsx cannot be imported");
    assertThat(pageText()).contains("binary data");
    screenshot("do-not-call-import-refused");
  }

  private List<String> rows() {
    List<String> numbers = new ArrayList<>();
    for (WebElement row : findAll("table.numbers tbody tr")) {
      numbers.add(row.findElement(By.cssSelector("td .mono")).getText());
    }
    return numbers;
  }
}
