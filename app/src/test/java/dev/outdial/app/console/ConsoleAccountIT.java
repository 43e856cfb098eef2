package dev.outdial.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.BrowserTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/** Signing up, in and out of the console, and the walls around its session. */
class ConsoleAccountIT extends BrowserTestSupport {

  @Test
  void aNewUserSignsUpAndLandsOnTheOverviewWithTheFirstStepsAndTheirCredits() {
    signUpInBrowser("Grace Hopper");

    assertThat(path()).startsWith("/?welcome");
    assertThat(pageText())
        .contains("15 free credits")
        .contains("Create your first agent")
        .contains("No call is in progress right now");
    assertThat(find(".balance").getText()).contains("15");
    screenshot("overview-new-user");
  }

  @Test
  void signUpSaysWhatIsWrongWithEachFieldAndKeepsWhatWasTyped() {
    TestUser existing = signup("taken");
    open("/signup");
    fill("Your name", "Ada");
    fill("Email", existing.email());
    fill("Password", "long-enough-password");
    click("Create my account");
    awaitText("An account with this email exists already");
    assertThat(field("Your name").getAttribute("value")).isEqualTo("Ada");

    fill("Email", "not-an-address");
    fill("Password", "short");
    click("Create my account");
    awaitText("email: must be a well-formed email address");
    assertThat(pageText()).contains("8 to 72 characters");
    screenshot("signup-refused");
  }

  @Test
  void signingOutEndsTheSessionAndAWrongPasswordIsToldPlainly() {
    TestUser user = signUpInBrowser("Alan");
    click("Sign out");
    awaitPath("/login?signed-out");
    open("/");
    awaitPath("/login");

    signInInBrowser(user.email(), "wrong-password");
    awaitText("The email or the password is wrong");
    screenshot("login-wrong-password");

    signInInBrowser(user.email(), user.password());
    awaitText("Hello, Alan");
  }

  @Test
  void repeatedWrongPasswordsAreStoppedWithHowLongToWait() {
    TestUser user = signup("guessed-in-console");
    open("/login");
    for (int i = 0; i < 5; i++) {
      signInInBrowser(user.email(), "wrong-password-" + i);
      awaitText("The email or the password is wrong");
    }
    signInInBrowser(user.email(), user.password());
    awaitText("Too many sign-in attempts, from here or for this account. Wait 15 minutes");
    assertThat(path()).startsWith("/login");
    screenshot("login-throttled");
  }

  @Test
  void theKeyboardAloneSignsInAndSkipsToTheContent() {
    TestUser user = signup("keyboard");
    open("/login");
    // The email field has the focus; Tab goes to the password, Enter sends the form.
    new Actions(browser)
        .sendKeys(user.email())
        .sendKeys(Keys.TAB)
        .sendKeys(user.password())
        .sendKeys(Keys.ENTER)
        .perform();
    awaitPath("/");

    new Actions(browser).sendKeys(Keys.TAB).perform();
    assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to content");
    new Actions(browser).sendKeys(Keys.ENTER).perform();
    assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("main");
  }

  @Test
  void aDeactivatedUserIsSignedOutAtTheNextClick() {
    TestUser user = signUpInBrowser("Barbara");
    var answer =
        api.patch("/api/admin/users/" + user.id(), superAdminToken(), Map.of("is_active", false));
    assertThat(answer.status()).isEqualTo(200);

    open("/profile");
    awaitPath("/login");
    signInInBrowser(user.email(), user.password());
    awaitText("This account is deactivated");
  }

  @Test
  void theProfileIsSavedThroughTheSameRulesAsTheApi() {
    TestUser user = signUpInBrowser("Katherine");
    open("/profile");
    fill("Company", "NASA");
    fill("Location", "Hampton, Virginia");
    click("Save profile");
    awaitText("Your profile is saved.");
    screenshot("profile");

    var me = api.get("/api/me", login(user.email(), user.password())).json();
    assertThat(me.path("company").asText()).isEqualTo("NASA");
    assertThat(me.path("location").asText()).isEqualTo("Hampton, Virginia");

    fill("Name", " ");
    click("Save profile");
    awaitText("must not be blank");
  }

  @Test
  void anAdministratorPageIsRefusedToACustomer() {
    signUpInBrowser("Mary");
    open("/admin");
    assertThat(pageText()).contains("You may not open this page");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteAndFormsWithoutTheCsrfTokenAreRefused()
      throws Exception {
    TestUser user = signup("cookie");
    HttpClient http = HttpClient.newBuilder().build();
    HttpResponse<String> loginPage =
        http.send(
            HttpRequest.newBuilder(URI.create(url("/login"))).build(),
            HttpResponse.BodyHandlers.ofString());
    String cookie = loginPage.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("OUTDIAL_SESSION=").contains("HttpOnly").contains("SameSite=Lax");
    Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage.body());
    assertThat(token.find()).as("the sign-in form carries a CSRF token").isTrue();
    String session = cookie.substring(0, cookie.indexOf(';'));

    HttpResponse<String> withoutToken =
        http.send(
            form("/login", session, "email=" + user.email() + "&password=" + user.password()),
            HttpResponse.BodyHandlers.ofString());
    assertThat(withoutToken.statusCode()).isEqualTo(403);

    HttpResponse<String> withToken =
        http.send(
            form(
                "/login",
                session,
                "email="
                    + user.email()
                    + "&password="
                    + user.password()
                    + "&_csrf="
                    + token.group(1)),
            HttpResponse.BodyHandlers.ofString());
    assertThat(withToken.statusCode()).isEqualTo(302);
    assertThat(withToken.headers().firstValue("Location").orElseThrow()).endsWith("/");
  }

  @Test
  void theApiStillAnswersProblemDetailsAndTheConsoleNeverDoes() {
    var api401 = api.get("/api/me", null);
    assertThat(api401.status()).isEqualTo(401);
    assertThat(api401.header("Content-Type")).startsWith("application/problem+json");

    open("/no-such-page");
    awaitPath("/login");
    signUpInBrowser("Hedy");
    open("/no-such-page");
    assertThat(pageText()).contains("This page does not exist, or it is not yours");
    assertThat(browser.getPageSource()).doesNotContain("Exception");
    screenshot("not-found");
  }

  private HttpRequest form(String path, String cookie, String body) {
    return HttpRequest.newBuilder(URI.create(url(path)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", cookie)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
