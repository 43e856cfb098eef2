package dev.outdial.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.BrowserTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The administrators' pages, and the credits page every customer has. */
class ConsoleAdminIT extends BrowserTestSupport {

  @Test
  void anAdministratorFindsAUserRaisesTheirLimitAndTheUserSeesItApplied() {
    TestUser customer = signup("limit-raise");
    signInInBrowser(SUPER_ADMIN_EMAIL, SUPER_ADMIN_PASSWORD);
    click("Admin");
    awaitText("Platform KPIs");
    assertThat(pageText()).contains("Calls at once");
    screenshot("admin-overview");

    click("Users");
    fill("Email or name", customer.email());
    click("Search");
    assertThat(findAll("tbody tr")).hasSize(1);
    screenshot("admin-users");
    click(customer.email());

    fill("Calls at once", "0");
    click("Save account");
    awaitText("must be greater than or equal to 1");
    fill("Calls at once", "7");
    click("Save account");
    awaitText("The account is saved");
    screenshot("admin-user");

    assertThat(
            api.get("/api/me", login(customer.email(), customer.password()))
                .json()
                .path("concurrent_calls_limit")
                .asInt())
        .isEqualTo(7);
    browser.manage().deleteAllCookies();
    signInInBrowser(customer.email(), customer.password());
    open("/profile");
    assertThat(pageText()).contains("up to 7 calls at once");
  }

  @Test
  void creditAdjustmentsLandInTheLedgerOnceAndNeverBelowZero() {
    TestUser customer = signup("adjusted");
    signInInBrowser(SUPER_ADMIN_EMAIL, SUPER_ADMIN_PASSWORD);
    open("/admin/users/" + customer.id());
    fill("Credits to add", "25");
    fill("Reason", "Goodwill");
    click("Adjust credits");
    awaitText("Added 25 credits; the balance is now 40.");

    fill("Credits to add", "-100");
    fill("Reason", "Too much");
    click("Adjust credits");
    awaitText("The balance is 40 credits; taking 100 would take it below zero");
    assertThat(credits(customer.id())).isEqualTo(40);
    assertThat(ledgerSum(customer.id())).isEqualTo(40);

    // The same form sent twice (a double click, a reload) adjusts once.
    open("/admin/users/" + customer.id());
    fill("Credits to add", "5");
    fill("Reason", "Twice");
    String key = find("input[name=idempotencyKey]").getAttribute("value");
    click("Adjust credits");
    awaitText("balance is now 45");
    open("/admin/users/" + customer.id());
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript(
            "document.querySelector('input[name=idempotencyKey]').value = arguments[0]", key);
    fill("Credits to add", "5");
    fill("Reason", "Twice");
    click("Adjust credits");
    awaitText("Credits to add");
    assertThat(credits(customer.id())).isEqualTo(45);
  }

  @Test
  void aSuperAdminSetsPlatformLimitsAndQuietHoursAndAnAdminMayOnlyReadThem() {
    String root = superAdminToken();
    var limitsBefore = api.get("/api/admin/system/limits", root).json();
    var quietBefore = api.get("/api/admin/system/quiet-hours", root).json();
    try {
      signInInBrowser(SUPER_ADMIN_EMAIL, SUPER_ADMIN_PASSWORD);
      open("/admin/platform");
      fill("Most calls in progress at once", "12");
      click("Save limit");
      awaitText("at most 12 calls at once");
      assertThat(
              api.get("/api/admin/system/limits", root)
                  .json()
                  .path("system_concurrent_calls_limit")
                  .asInt())
          .isEqualTo(12);

      choose("Quiet hours", "On: nobody is called in these hours");
      set("From", "22:00");
      set("Until", "07:00");
      click("Save quiet hours");
      awaitText("Quiet hours are now 22:00 to 07:00");
      screenshot("admin-platform");

      TestUser admin = admin();
      browser.manage().deleteAllCookies();
      signInInBrowser(admin.email(), admin.password());
      open("/admin/platform");
      assertThat(field("Most calls in progress at once").isEnabled()).isFalse();
      assertThat(findAll("button[type=submit]")).noneMatch(b -> b.getText().startsWith("Save"));
    } finally {
      api.put("/api/admin/system/limits", root, limitsBefore);
      api.put("/api/admin/system/quiet-hours", root, quietBefore);
    }
  }

  @Test
  void anAdminCannotChangeAnotherAdministratorAndIsToldWhy() {
    TestUser first = admin();
    TestUser second = admin();
    signInInBrowser(first.email(), first.password());
    open("/admin/users/" + second.id());
    choose("Status", "Deactivated: signed out, cannot sign in");
    click("Save account");
    awaitText("Only a super_admin may change an administrator's account");
    assertThat(
            jdbc.sql("SELECT is_active FROM users WHERE id = :id")
                .param("id", second.id())
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  @Test
  void thePlatformDoNotCallListTakesNumbersFromASuperAdmin() {
    signInInBrowser(SUPER_ADMIN_EMAIL, SUPER_ADMIN_PASSWORD);
    open("/admin/do-not-call");
    fill("Phone number", "(415) 555-01" + (10 + (int) (Math.random() * 80)));
    choose("Country, for numbers without +code", "US");
    fill("Reason", "Regulator");
    click("Add to the platform's list");
    awaitText("is on the platform's list");
    screenshot("admin-do-not-call");
    String number = find("tbody tr td.mono").getText();
    assertThat(api.get("/api/admin/do-not-call", superAdminToken()).body()).contains(number);

    fill("Phone number", "not a number");
    click("Add to the platform's list");
    assertThat(find(".problem").getText()).isNotBlank();
  }

  @Test
  void aCustomerSeesTheirBalanceAndLedgerAndWhyCreditsCannotBeBoughtHere() {
    TestUser customer = signUpInBrowser("Ledger Reader");
    api.post(
        "/api/admin/users/" + customer.id() + "/credits",
        superAdminToken(),
        Map.of("amount", 10, "description", "Pilot"));
    open("/credits");
    assertThat(find(".kpi .value").getText()).isEqualTo("25");
    assertThat(pageText())
        .contains("Welcome credits")
        .contains("Pilot")
        .contains("+10")
        .contains("Buying credits is not set up on this platform");
    screenshot("credits");
  }
}
