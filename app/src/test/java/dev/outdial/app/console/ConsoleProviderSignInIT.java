package dev.outdial.app.console;

import static dev.outdial.app.testing.IdentityProviderStubs.GOOGLE_CLIENT;
import static dev.outdial.app.testing.IdentityProviderStubs.stubs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.IdentityProviderStubs;
import dev.outdial.app.testing.IdentityProviderStubs.GitHubEmail;
import dev.outdial.app.testing.IdentityProviderStubs.GitHubPerson;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signing in to the console with Google and GitHub, through the real pages: the providers' buttons,
 * the provider's sign-in and the way back, a returning person, and an address that already has a
 * password account, which is connected from its profile page only.
 */
class ConsoleProviderSignInIT extends ConsoleTestSupport {

  @DynamicPropertySource
  static void providers(DynamicPropertyRegistry registry) {
    IdentityProviderStubs.register(registry);
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID() + "@example.com";
  }

  private Map<String, Object> userRow(String email) {
    return jdbc.sql(
            """
            SELECT id, auth_provider, stack_auth_user_id, email_verified, name, credits
            FROM users WHERE email = :email
            """)
        .param("email", email)
        .query()
        .singleRow();
  }

  @Test
  void aNewPersonSignsInWithGoogleAndLandsOnTheOverviewThenComesBack() {
    String email = unique("grace");
    String subject = "google-" + UUID.randomUUID();
    open("/login");
    assertThat(pageText())
        .contains("Sign in with Google")
        .contains("Sign in with GitHub")
        .contains("Sign in with LinkedIn")
        .contains("or with your email");
    screenshot("sign-in-providers");

    stubs().nextOpenIdPerson("google", GOOGLE_CLIENT, subject, email, true, "Grace Hopper");
    click("Sign in with Google");

    awaitText("Hello, Grace Hopper");
    assertThat(path()).isEqualTo("/");
    screenshot("signed-in-with-google");
    assertThat(userRow(email))
        .containsEntry("auth_provider", "google")
        .containsEntry("stack_auth_user_id", subject)
        .containsEntry("email_verified", true)
        .containsEntry("credits", 15);
    assertThat(findAll("#verify-banner")).isEmpty();

    open("/profile");
    awaitText("You sign in with Google, or with your email and password");
    click("Sign out");
    awaitText("You are signed out.");

    stubs().nextOpenIdPerson("google", GOOGLE_CLIENT, subject, email, true, "Grace Hopper");
    click("Sign in with Google");
    awaitText("Hello, Grace Hopper");
    assertThat(
            jdbc.sql("SELECT count(*) FROM users WHERE stack_auth_user_id = :s")
                .param("s", subject)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aPasswordAccountsAddressIsRefusedUntilTheAccountConnectsTheProvider() {
    TestUser ada = signup("ada");
    long gitHubId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    GitHubPerson octo =
        new GitHubPerson(
            gitHubId, "ada-l", "Ada L.", List.of(new GitHubEmail(ada.email(), true, true)));

    open("/signup");
    assertThat(pageText()).contains("Sign up with GitHub");
    stubs().nextGitHubPerson(octo);
    click("Sign up with GitHub");

    awaitText("An account with " + ada.email() + " exists already.");
    assertThat(path()).isEqualTo("/login?error=provider");
    screenshot("provider-address-taken");
    assertThat(userRow(ada.email())).containsEntry("stack_auth_user_id", null);
    // Refused once: the reason is not shown again.
    open("/login");
    assertThat(pageText()).doesNotContain("exists already");

    signInInBrowser(ada.email(), ada.password());
    open("/profile");
    awaitText("You sign in with your email and password.");
    screenshot("profile-connect-providers");
    stubs().nextGitHubPerson(octo);
    click("Connect GitHub");

    awaitText("GitHub is connected: you can sign in with it from now on.");
    assertThat(path()).isEqualTo("/profile?connected=github#sign-in-methods");
    screenshot("profile-github-connected");
    assertThat(userRow(ada.email()))
        .containsEntry("auth_provider", "github")
        .containsEntry("stack_auth_user_id", Long.toString(gitHubId))
        .containsEntry("email_verified", true);

    click("Sign out");
    awaitText("You are signed out.");
    stubs().nextGitHubPerson(octo);
    click("Sign in with GitHub");
    awaitText("Hello, ada");
  }

  @Test
  void connectingAProviderAccountThatBelongsToAnotherAccountIsRefusedAndKeepsTheSession() {
    long gitHubId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    GitHubPerson taken =
        new GitHubPerson(
            gitHubId, "taken", "Taken", List.of(new GitHubEmail(unique("t"), true, true)));
    stubs().nextGitHubPerson(taken);
    open("/login");
    click("Sign in with GitHub");
    awaitText("Hello, Taken");
    click("Sign out");
    awaitText("You are signed out.");

    TestUser bob = signup("bob");
    signInInBrowser(bob.email(), bob.password());
    open("/profile");
    stubs().nextGitHubPerson(taken);
    click("Connect GitHub");

    awaitText("This GitHub account signs in to another Outdial account already");
    assertThat(path()).isEqualTo("/profile?connect-error#sign-in-methods");
    screenshot("profile-connect-refused");
    // Still signed in as bob, never as the GitHub account's owner.
    assertThat(pageText()).contains(bob.email());
    assertThat(userRow(bob.email())).containsEntry("stack_auth_user_id", null);
  }

  @Test
  void aSignInDeclinedAtTheProviderSaysSoOnTheSignInPage() {
    open("/login");
    stubs().nextGitHubPersonDeclines();
    click("Sign in with GitHub");

    awaitText("The sign-in was cancelled at GitHub, so nothing changed.");
    assertThat(path()).isEqualTo("/login?cancelled=provider");
    // Told as a notice: nothing went wrong.
    assertThat(find("p[role=status]").getText()).startsWith("The sign-in was cancelled at GitHub");
    assertThat(findAll("[role=alert]")).isEmpty();
    screenshot("provider-declined");
    open("/");
    awaitPath("/login");
  }

  @Test
  void aConnectDeclinedAtTheProviderSaysSoOnTheProfileAndKeepsTheSession() {
    TestUser carol = signup("carol");
    signInInBrowser(carol.email(), carol.password());
    open("/profile");
    stubs().nextGitHubPersonDeclines();
    click("Connect GitHub");

    awaitText("The sign-in was cancelled at GitHub, so nothing changed.");
    assertThat(path()).isEqualTo("/profile?connect-cancelled#sign-in-methods");
    assertThat(findAll(".problem")).isEmpty();
    assertThat(pageText()).contains(carol.email());
    assertThat(userRow(carol.email())).containsEntry("stack_auth_user_id", null);
  }
}
