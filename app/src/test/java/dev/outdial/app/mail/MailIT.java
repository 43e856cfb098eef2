package dev.outdial.app.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.outdial.app.testing.ApiClient;
import dev.outdial.app.testing.ApiTestSupport;
import dev.outdial.app.testing.TenantRows;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With SMTP configured (GreenMail, a real SMTP server on a free port): sign-up and password-reset
 * mails arrive, their links work once, not after they expire and not for another account, and
 * verification is required by default, so an unverified account builds but does not dial.
 */
class MailIT extends ApiTestSupport {

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  private static final Pattern RESET_LINK =
      Pattern.compile("http://\\S+(/reset-password\\?user=([0-9a-f-]{36})&token=([A-Za-z0-9_-]+))");

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    registry.add("outdial.mail.send-interval", () -> "100ms");
  }

  /** A link found in a mail: the path and query to open, the user and the token. */
  record Link(String path, UUID user, String token) {}

  /** The mails that reached this address, oldest first. */
  private static List<MimeMessage> mailsTo(String address) {
    return Arrays.stream(SMTP.getReceivedMessages())
        .filter(
            mail -> {
              try {
                return Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
                    .anyMatch(to -> to.toString().equals(address));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  /** The links of this kind in the mails to this address, oldest first. */
  private static List<Link> linksTo(String address, Pattern pattern) {
    List<Link> links = new java.util.ArrayList<>();
    for (MimeMessage mail : mailsTo(address)) {
      try {
        Matcher matcher = pattern.matcher((String) mail.getContent());
        if (matcher.find()) {
          assertThat(mail.getHeader("X-Outdial-Mail-Id")).hasSize(1);
          links.add(
              new Link(matcher.group(1), UUID.fromString(matcher.group(2)), matcher.group(3)));
        }
      } catch (java.io.IOException | jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return links;
  }

  /** Waits for the {@code count}-th mail to the address with a link of this kind; its link. */
  private static Link awaitLink(String address, int count, Pattern pattern) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> linksTo(address, pattern), links -> links.size() >= count)
        .get(count - 1);
  }

  private static Link verificationLink(TestUser user) {
    return awaitLink(user.email(), 1, OutboxIT.VERIFY_LINK);
  }

  private ApiClient.Answer confirm(UUID user, String token) {
    return api.post(
        "/api/auth/verification/confirm", null, Map.of("user_id", user, "token", token));
  }

  private boolean verified(TestUser user) {
    return api.get("/api/me", user.token()).json().path("email_verified").asBoolean();
  }

  @Test
  void signUpMailsALinkThatVerifiesTheAddressOnce() {
    TestUser user = signup("mail-verify");

    Link link = verificationLink(user);
    assertThat(link.user()).isEqualTo(user.id());
    assertThat(verified(user)).isFalse();
    assertThat(api.get("/api/me", user.token()).json().path("email_verification_sent_at").asText())
        .isNotBlank();

    ApiClient.Answer opened = api.get(link.path(), null);
    assertThat(opened.status()).isEqualTo(200);
    assertThat(opened.body()).contains(user.email() + " is verified");
    assertThat(verified(user)).isTrue();

    ApiClient.Answer again = api.get(link.path(), null);
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body()).contains("not valid");
    assertThat(confirm(link.user(), link.token()).status()).isEqualTo(400);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("SELECT count(*) FROM outbox_mails WHERE user_id = :u AND sent_at IS NULL")
                    .param("u", user.id())
                    .query(Integer.class)
                    .single(),
            unsent -> unsent == 0);
  }

  @Test
  void aLinkDoesNotVerifyAnotherAccount() {
    TestUser owner = signup("mail-owner");
    TestUser other = signup("mail-other");
    Link link = verificationLink(owner);

    ApiClient.Answer foreign = confirm(other.id(), link.token());

    assertThat(foreign.status()).isEqualTo(400);
    assertThat(foreign.header("Content-Type")).startsWith("application/problem+json");
    assertThat(verified(other)).isFalse();
    assertThat(confirm(owner.id(), link.token()).status()).isEqualTo(200);
    assertThat(verified(owner)).isTrue();
    assertThat(verified(other)).isFalse();
  }

  @Test
  void anExpiredLinkDoesNotVerify() {
    TestUser user = signup("mail-expired");
    Link link = verificationLink(user);
    jdbc.sql("UPDATE mail_tokens SET expires_at = now() - interval '1 second' WHERE user_id = :u")
        .param("u", user.id())
        .update();

    assertThat(confirm(user.id(), link.token()).status()).isEqualTo(400);
    assertThat(verified(user)).isFalse();
  }

  @Test
  void theVerificationMailIsSentAgainAtMostOncePerInterval() {
    TestUser user = signup("mail-resend");
    verificationLink(user);

    ApiClient.Answer tooSoon = api.post("/api/auth/verification", user.token(), Map.of());

    assertThat(tooSoon.status()).isEqualTo(429);
    assertThat(Integer.parseInt(tooSoon.header("Retry-After"))).isBetween(1, 60);
    assertThat(tooSoon.json().path("detail").asText()).contains(user.email());

    jdbc.sql(
            "UPDATE users SET email_verification_sent_at = now() - interval '61 seconds'"
                + " WHERE id = :u")
        .param("u", user.id())
        .update();
    ApiClient.Answer resent = api.post("/api/auth/verification", user.token(), Map.of());

    assertThat(resent.status()).as(resent.body()).isEqualTo(202);
    assertThat(resent.json().path("email").asText()).isEqualTo(user.email());
    Link second = awaitLink(user.email(), 2, OutboxIT.VERIFY_LINK);
    assertThat(confirm(user.id(), second.token()).status()).isEqualTo(200);
    assertThat(api.post("/api/auth/verification", user.token(), Map.of()).status())
        .as("verified already")
        .isEqualTo(409);
  }

  @Test
  void anUnverifiedAccountBuildsButNeitherStartsACampaignNorPlacesACall() {
    TestUser user = signup("mail-dial");
    TenantRows rows = TenantRows.of(api, jdbc, user.token(), user.id());
    assertThat(rows.campaign()).as("agents, contacts and campaigns are built").isNotBlank();

    ApiClient.Answer start =
        api.post("/api/campaigns/" + rows.campaign() + "/start", user.token(), Map.of());
    ApiClient.Answer call =
        api.post(
            "/api/calls",
            user.token(),
            Map.of("agent_id", rows.agent(), "contact_id", rows.contact()));

    assertThat(start.status()).isEqualTo(403);
    assertThat(start.header("Content-Type")).startsWith("application/problem+json");
    assertThat(start.json().path("detail").asText())
        .contains("Verify your email address")
        .contains(user.email())
        .contains("POST /api/auth/verification")
        .contains("Send it again");
    assertThat(call.status()).isEqualTo(403);
    assertThat(call.json().path("detail").asText()).contains("POST /api/auth/verification");
    assertThat(
            jdbc.sql("SELECT status FROM call_campaigns WHERE id = CAST(:id AS uuid)")
                .param("id", rows.campaign())
                .query(String.class)
                .single())
        .isEqualTo("draft");

    Link link = verificationLink(user);
    assertThat(api.get(link.path(), null).status()).isEqualTo(200);

    ApiClient.Answer startedAfter =
        api.post("/api/campaigns/" + rows.campaign() + "/start", user.token(), Map.of());
    assertThat(startedAfter.status()).as(startedAfter.body()).isEqualTo(200);
  }

  @Test
  void aPasswordResetLinkSetsANewPasswordOnceAndOnlyForItsAccount() {
    TestUser user = signup("mail-reset");
    TestUser other = signup("mail-reset-other");

    ApiClient.Answer asked =
        api.post("/api/auth/password-reset", null, Map.of("email", user.email().toUpperCase()));
    assertThat(asked.status()).as(asked.body()).isEqualTo(202);
    Link link = awaitLink(user.email(), 1, RESET_LINK);
    assertThat(link.user()).isEqualTo(user.id());

    String tooLong = "é".repeat(37); // 37 characters, 74 bytes in UTF-8
    ApiClient.Answer refused =
        api.post(
            "/api/auth/password-reset/confirm",
            null,
            Map.of("user_id", user.id(), "token", link.token(), "password", tooLong));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("password");
    ApiClient.Answer foreign =
        api.post(
            "/api/auth/password-reset/confirm",
            null,
            Map.of("user_id", other.id(), "token", link.token(), "password", "other-password-1"));
    assertThat(foreign.status()).isEqualTo(400);

    ApiClient.Answer reset =
        api.post(
            "/api/auth/password-reset/confirm",
            null,
            Map.of("user_id", user.id(), "token", link.token(), "password", "a-new-password-1"));
    assertThat(reset.status()).as(reset.body()).isEqualTo(204);

    assertThat(
            api.post(
                    "/api/auth/login",
                    null,
                    Map.of("email", user.email(), "password", "a-new-password-1"))
                .status())
        .isEqualTo(200);
    assertThat(
            api.post(
                    "/api/auth/login",
                    null,
                    Map.of("email", user.email(), "password", user.password()))
                .status())
        .isEqualTo(401);
    assertThat(
            api.post(
                    "/api/auth/login",
                    null,
                    Map.of("email", other.email(), "password", other.password()))
                .status())
        .as("the other account keeps its password")
        .isEqualTo(200);
    assertThat(verified(user)).as("the link proved the address").isTrue();
    ApiClient.Answer reused =
        api.post(
            "/api/auth/password-reset/confirm",
            null,
            Map.of("user_id", user.id(), "token", link.token(), "password", "third-password-1"));
    assertThat(reused.status()).isEqualTo(400);
  }

  @Test
  void anExpiredPasswordResetLinkSetsNothing() {
    TestUser user = signup("mail-reset-expired");
    api.post("/api/auth/password-reset", null, Map.of("email", user.email()));
    Link link = awaitLink(user.email(), 1, RESET_LINK);
    jdbc.sql(
            "UPDATE mail_tokens SET expires_at = now() - interval '1 second'"
                + " WHERE user_id = :u AND purpose = 'password_reset'")
        .param("u", user.id())
        .update();

    ApiClient.Answer reset =
        api.post(
            "/api/auth/password-reset/confirm",
            null,
            Map.of("user_id", user.id(), "token", link.token(), "password", "a-new-password-1"));

    assertThat(reset.status()).isEqualTo(400);
    assertThat(login(user.email(), user.password())).isNotBlank();
  }

  @Test
  void aPasswordResetForAnUnknownAddressAnswersTheSameAndMailsNothing() {
    String nobody = "nobody-" + UUID.randomUUID() + "@example.com";

    ApiClient.Answer asked = api.post("/api/auth/password-reset", null, Map.of("email", nobody));

    assertThat(asked.status()).isEqualTo(202);
    assertThat(
            jdbc.sql("SELECT count(*) FROM outbox_mails WHERE to_address = :a")
                .param("a", nobody)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void aSecondPasswordResetWithinTheIntervalMailsNothingMoreButAnswersTheSame() {
    TestUser user = signup("mail-reset-twice");
    assertThat(api.post("/api/auth/password-reset", null, Map.of("email", user.email())).status())
        .isEqualTo(202);
    assertThat(api.post("/api/auth/password-reset", null, Map.of("email", user.email())).status())
        .isEqualTo(202);

    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM outbox_mails WHERE user_id = :u"
                        + " AND kind = 'password_reset'")
                .param("u", user.id())
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }
}
