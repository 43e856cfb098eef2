package dev.outdial.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.TenantRows;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The console's mailed links with verification required and no SMTP, so mails wait in the outbox
 * (read here as a super_admin would pass them on): the banner and its "send it again", the page a
 * verification link opens, a forgotten password set again, and the outbox page.
 */
@TestPropertySource(properties = "outdial.email.verification=required")
class ConsoleMailIT extends ConsoleTestSupport {

  private static final Pattern LINK =
      Pattern.compile("http://[^/\\s]+(/(?:verify-email|reset-password)\\?\\S+)");

  /** The path of the link in the newest mail of this kind to the account. */
  private String linkPath(UUID user, String kind) {
    String body =
        jdbc.sql(
                """
                SELECT body FROM outbox_mails WHERE user_id = :u AND kind = :kind
                ORDER BY created_at DESC LIMIT 1
                """)
            .param("u", user)
            .param("kind", kind)
            .query(String.class)
            .single();
    Matcher matcher = LINK.matcher(body);
    assertThat(matcher.find()).as(body).isTrue();
    return matcher.group(1);
  }

  @Test
  void anUnverifiedUserIsRemindedSendsTheLinkAgainAndVerifiesThroughIt() {
    TestUser user = signUpInBrowser("Katherine");

    awaitText("Confirm your email address.");
    assertThat(pageText())
        .contains("Follow the link we sent to " + user.email())
        .contains("not start a campaign or place a call");
    screenshot("banner-unverified");

    click("Send it again");
    awaitText("moments ago; try again in");
    screenshot("banner-sent-moments-ago");

    jdbc.sql(
            "UPDATE users SET email_verification_sent_at = now() - interval '2 minutes'"
                + " WHERE id = :u")
        .param("u", user.id())
        .update();
    open("/");
    click("Send it again");
    awaitText("A new link is on its way to " + user.email());

    open(linkPath(user.id(), "email_verification"));
    awaitText(user.email() + " is verified");
    screenshot("email-verified");

    open("/");
    awaitText("Hello, Katherine");
    assertThat(findAll("#verify-banner")).isEmpty();
  }

  @Test
  void anUnverifiedUserIsToldHowToVerifyWhenStartingACampaign() {
    TestUser user = signup("mary");
    TenantRows rows = TenantRows.of(api, jdbc, user.token(), user.id());
    signInInBrowser(user.email(), user.password());
    awaitText("Confirm your email address.");

    open("/campaigns/" + rows.campaign());
    click("Start");

    awaitText("Verify your email address first: follow the link we sent to " + user.email());
    assertThat(pageText()).contains("Not started");
    screenshot("campaign-start-unverified");
  }

  @Test
  void aUsedOrBrokenVerificationLinkSaysSo() {
    open("/verify-email?user=" + UUID.randomUUID() + "&token=made-up");

    awaitText("This link is not valid");
    screenshot("verify-link-not-valid");
  }

  @Test
  void aForgottenPasswordIsSetAgainThroughTheMailedLink() {
    TestUser user = signup("Dorothy");
    open("/login");
    click("Forgot your password?");
    fill("Email", user.email());
    click("Mail me a link");
    awaitText("If an account has the address " + user.email());
    screenshot("forgot-password-sent");

    open(linkPath(user.id(), "password_reset"));
    awaitText("Set a new password");
    fill("New password", "short");
    click("Set my password");
    awaitText("8 to 72 characters");
    screenshot("reset-password-refused");

    fill("New password", "a-brand-new-password");
    click("Set my password");
    awaitPath("/login?password-reset");
    awaitText("Your new password is set");

    signInInBrowser(user.email(), "a-brand-new-password");
    awaitText("Hello, Dorothy");
  }

  @Test
  void aSuperAdminReadsTheOutboxAndAnAdministratorMayNot() {
    TestUser waiting = signup("Outboxed");
    signInInBrowser(SUPER_ADMIN_EMAIL, SUPER_ADMIN_PASSWORD);
    awaitText("Hello");
    open("/admin");
    click("Outbox");
    awaitText("No mail server is configured");
    assertThat(pageText())
        .contains(waiting.email().toLowerCase(java.util.Locale.ROOT))
        .contains("Verify your email address");
    screenshot("admin-outbox");

    TestUser admin = admin();
    open("/login");
    browser.manage().deleteAllCookies();
    signInInBrowser(admin.email(), admin.password());
    awaitText("Hello");
    open("/admin/outbox");
    awaitText("Only a super_admin may read the outbox");
  }
}
