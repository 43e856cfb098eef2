package dev.outdial.app.oauth;

import static dev.outdial.app.testing.IdentityProviderStubs.GITHUB_CLIENT;
import static dev.outdial.app.testing.IdentityProviderStubs.GOOGLE_CLIENT;
import static dev.outdial.app.testing.IdentityProviderStubs.LINKEDIN_CLIENT;
import static dev.outdial.app.testing.IdentityProviderStubs.stubs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.app.testing.ApiClient;
import dev.outdial.app.testing.ApiTestSupport;
import dev.outdial.app.testing.IdentityProviderStubs;
import dev.outdial.app.testing.IdentityProviderStubs.GitHubEmail;
import dev.outdial.app.testing.IdentityProviderStubs.GitHubPerson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An API client signing in with a provider: it sends the person to the provider's sign-in page
 * itself (a real OpenID Connect provider for Google and LinkedIn, a stand-in for GitHub), and
 * exchanges the code that comes back for the usual bearer token.
 */
class ProviderSignInIT extends ApiTestSupport {

  private static final String CLIENT_REDIRECT = "http://client.test/signed-in";
  private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");
  private final HttpClient browserless =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @DynamicPropertySource
  static void providers(DynamicPropertyRegistry registry) {
    IdentityProviderStubs.register(registry);
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID() + "@example.com";
  }

  /** Goes through the provider's sign-in page as the client's user would, and answers the code. */
  private String codeFrom(String provider) throws IOException, InterruptedException {
    JsonNode offered = providerList().get(provider);
    assertThat(offered).as("%s is offered", provider).isNotNull();
    String scopes =
        java.util.stream.StreamSupport.stream(offered.path("scopes").spliterator(), false)
            .map(JsonNode::asText)
            .collect(Collectors.joining(" "));
    String signInPage =
        offered.path("authorization_uri").asText()
            + "?response_type=code&client_id="
            + offered.path("client_id").asText()
            + "&redirect_uri="
            + URLEncoder.encode(CLIENT_REDIRECT, StandardCharsets.UTF_8)
            + "&scope="
            + URLEncoder.encode(scopes, StandardCharsets.UTF_8)
            + "&state=client-state";
    HttpResponse<String> answer =
        browserless.send(
            HttpRequest.newBuilder(URI.create(signInPage)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
    String location = answer.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(CLIENT_REDIRECT).contains("state=client-state");
    Matcher code = CODE.matcher(location);
    assertThat(code.find()).as(location).isTrue();
    return java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
  }

  private Map<String, JsonNode> providerList() {
    ApiClient.Answer answer = api.get("/api/auth/providers", null);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return java.util.stream.StreamSupport.stream(answer.json().spliterator(), false)
        .collect(Collectors.toMap(p -> p.path("id").asText(), p -> p));
  }

  private ApiClient.Answer exchange(String provider, String code) {
    return api.post(
        "/api/auth/providers/" + provider + "/token",
        null,
        Map.of("code", code, "redirect_uri", CLIENT_REDIRECT));
  }

  /** Connects the provider account now signing in at the provider to the token's account. */
  private ApiClient.Answer link(String provider, String token)
      throws IOException, InterruptedException {
    return api.post(
        "/api/auth/providers/" + provider + "/link",
        token,
        Map.of("code", codeFrom(provider), "redirect_uri", CLIENT_REDIRECT));
  }

  private Map<String, Object> userRow(String email) {
    return jdbc.sql(
            """
            SELECT id, auth_provider, stack_auth_user_id, email_verified, name, credits,
                   password_hash IS NULL AS passwordless
            FROM users WHERE email = :email
            """)
        .param("email", email)
        .query()
        .singleRow();
  }

  @Test
  void theProvidersOfferedAreTheConfiguredOnesWithWhereToSendThePerson() {
    Map<String, JsonNode> offered = providerList();

    assertThat(offered.keySet()).containsExactlyInAnyOrder("google", "github", "linkedin");
    assertThat(offered.get("google").path("client_id").asText()).isEqualTo(GOOGLE_CLIENT);
    assertThat(offered.get("google").path("authorization_uri").asText())
        .startsWith(stubs().issuer("google"));
    assertThat(offered.get("github").path("client_id").asText()).isEqualTo(GITHUB_CLIENT);
    assertThat(offered.get("linkedin").path("name").asText()).isEqualTo("LinkedIn");
  }

  @Test
  void aFirstGoogleSignInMakesTheAccountAndALaterOneFindsItBySubject() throws Exception {
    String email = unique("grace");
    String subject = "google-" + UUID.randomUUID();
    stubs().nextOpenIdPerson("google", GOOGLE_CLIENT, subject, email, true, "Grace Hopper");

    ApiClient.Answer first = exchange("google", codeFrom("google"));

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().path("token").asText()).isNotBlank();
    assertThat(first.json().path("user").path("auth_provider").asText()).isEqualTo("google");
    Map<String, Object> row = userRow(email);
    assertThat(row)
        .containsEntry("auth_provider", "google")
        .containsEntry("stack_auth_user_id", subject)
        .containsEntry("email_verified", true)
        .containsEntry("name", "Grace Hopper")
        .containsEntry("credits", 15)
        .containsEntry("passwordless", true);
    String token = first.json().path("token").asText();
    assertThat(api.get("/api/me", token).status()).isEqualTo(200);

    // The same person, whose address at Google has changed since.
    stubs().nextOpenIdPerson("google", GOOGLE_CLIENT, subject, unique("grace-new"), true, "Grace");
    ApiClient.Answer again = exchange("google", codeFrom("google"));

    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().path("user").path("id").asText()).isEqualTo(row.get("id").toString());
    assertThat(again.json().path("user").path("email").asText()).isEqualTo(email);
  }

  @Test
  void anAddressTheProviderDoesNotVouchForIsVerifiedByMail() throws Exception {
    String email = unique("lin");
    stubs()
        .nextOpenIdPerson(
            "linkedin", LINKEDIN_CLIENT, "li-" + UUID.randomUUID(), email, false, "Lin Ked");

    ApiClient.Answer answer = exchange("linkedin", codeFrom("linkedin"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(userRow(email))
        .containsEntry("auth_provider", "linkedin")
        .containsEntry("email_verified", false);
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM outbox_mails WHERE to_address = :email"
                        + " AND kind = 'email_verification'")
                .param("email", email)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void anAddressWithAPasswordAccountIsNotTakenOverButCanBeConnectedBySigningInToIt()
      throws Exception {
    TestUser ada = signup("ada");
    String subject = "google-" + UUID.randomUUID();
    stubs().nextOpenIdPerson("google", GOOGLE_CLIENT, subject, ada.email(), true, "Not Ada");

    ApiClient.Answer refused = exchange("google", codeFrom("google"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().path("detail").asText())
        .contains("An account with " + ada.email() + " exists already")
        .contains("connect Google on your profile page");
    assertThat(userRow(ada.email()))
        .containsEntry("auth_provider", "email")
        .containsEntry("stack_auth_user_id", null);

    stubs().nextOpenIdPerson("google", GOOGLE_CLIENT, subject, ada.email(), true, "Not Ada");
    ApiClient.Answer linked = link("google", ada.token());

    assertThat(linked.status()).as(linked.body()).isEqualTo(200);
    assertThat(userRow(ada.email()))
        .containsEntry("auth_provider", "google")
        .containsEntry("stack_auth_user_id", subject)
        .containsEntry("email_verified", true)
        .containsEntry("passwordless", false);

    stubs().nextOpenIdPerson("google", GOOGLE_CLIENT, subject, ada.email(), true, "Not Ada");
    ApiClient.Answer signedIn = exchange("google", codeFrom("google"));
    assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
    assertThat(signedIn.json().path("user").path("id").asText()).isEqualTo(ada.id().toString());
    assertThat(signedIn.json().path("user").path("name").asText()).isEqualTo("ada");
    // The password still opens the account too.
    assertThat(login(ada.email(), ada.password())).isNotBlank();
  }

  @Test
  void aProviderAccountSignsInToOneOutdialAccountOnly() throws Exception {
    String subject = "google-" + UUID.randomUUID();
    stubs().nextOpenIdPerson("google", GOOGLE_CLIENT, subject, unique("owner"), true, "Owner");
    assertThat(exchange("google", codeFrom("google")).status()).isEqualTo(200);
    TestUser other = signup("other");

    stubs().nextOpenIdPerson("google", GOOGLE_CLIENT, subject, unique("owner"), true, "Owner");
    ApiClient.Answer refused = link("google", other.token());

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().path("detail").asText())
        .isEqualTo("This Google account signs in to another Outdial account already");
    assertThat(userRow(other.email())).containsEntry("stack_auth_user_id", null);
  }

  @Test
  void gitHubGivesThePrimaryVerifiedAddressFromItsApi() throws Exception {
    long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    String primary = unique("octo");
    stubs()
        .nextGitHubPerson(
            new GitHubPerson(
                id,
                "octocat",
                "Mona Octocat",
                List.of(
                    new GitHubEmail(unique("unverified"), false, false),
                    new GitHubEmail(primary, true, true),
                    new GitHubEmail(unique("secondary"), false, true))));

    ApiClient.Answer answer = exchange("github", codeFrom("github"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(userRow(primary))
        .containsEntry("auth_provider", "github")
        .containsEntry("stack_auth_user_id", Long.toString(id))
        .containsEntry("email_verified", true)
        .containsEntry("name", "Mona Octocat");
  }

  @Test
  void aGitHubAccountWithoutAVerifiedPrimaryAddressIsToldWhatToDo() throws Exception {
    long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    String unverified = unique("nomail");
    stubs()
        .nextGitHubPerson(
            new GitHubPerson(
                id, "nomail", null, List.of(new GitHubEmail(unverified, true, false))));

    ApiClient.Answer answer = exchange("github", codeFrom("github"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.json().path("detail").asText())
        .contains("Your GitHub account gives no verified email address");
    assertThat(
            jdbc.sql("SELECT count(*) FROM users WHERE stack_auth_user_id = :id")
                .param("id", Long.toString(id))
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void aDeactivatedAccountCannotSignInWithItsProvider() throws Exception {
    String email = unique("gone");
    String subject = "google-" + UUID.randomUUID();
    stubs().nextOpenIdPerson("google", GOOGLE_CLIENT, subject, email, true, "Gone");
    assertThat(exchange("google", codeFrom("google")).status()).isEqualTo(200);
    jdbc.sql("UPDATE users SET is_active = false WHERE email = :email")
        .param("email", email)
        .update();

    stubs().nextOpenIdPerson("google", GOOGLE_CLIENT, subject, email, true, "Gone");
    ApiClient.Answer refused = exchange("google", codeFrom("google"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.json().path("detail").asText())
        .isEqualTo("This account is deactivated; ask an administrator");
  }

  @Test
  void anOpenIdAccountWithoutAnAddressIsToldWhatToDo() throws Exception {
    String subject = "google-" + UUID.randomUUID();
    stubs().nextOpenIdPerson("google", GOOGLE_CLIENT, subject, null, null, "No Mail");

    ApiClient.Answer answer = exchange("google", codeFrom("google"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.json().path("detail").asText())
        .isEqualTo(
            "Your Google account gives no verified email address; add one there, or sign up with"
                + " your email and a password");
  }

  @Test
  void aCodeTheProviderRefusesIsA400AndAnUnknownProviderA404() {
    ApiClient.Answer refused = exchange("github", "not-a-code-" + UUID.randomUUID());
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("detail").asText())
        .startsWith("GitHub did not accept the sign-in");

    assertThat(exchange("myspace", "code").status()).isEqualTo(404);

    ApiClient.Answer missing =
        api.post("/api/auth/providers/google/token", null, Map.of("code", "x"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("redirect_uri");
  }
}
