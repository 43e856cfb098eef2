package dev.outdial.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.app.testing.ApiClient;
import dev.outdial.app.testing.ApiTestSupport;
import dev.outdial.app.testing.TenantRows;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * On the embedded defaults (no SMTP): mails are kept in the outbox, unsent, for a super_admin to
 * read, and verification is optional, so an unverified account may dial.
 */
class OutboxIT extends ApiTestSupport {

  static final Pattern VERIFY_LINK =
      Pattern.compile("http://\\S+(/verify-email\\?user=([0-9a-f-]{36})&token=([A-Za-z0-9_-]+))");

  /** The outbox's mails to this address, newest first, as a super_admin reads them. */
  private JsonNode outboxMailTo(String address) {
    ApiClient.Answer answer = api.get("/api/admin/outbox?limit=500", superAdminToken());
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return StreamSupport.stream(answer.json().path("items").spliterator(), false)
        .filter(mail -> mail.path("to_address").asText().equals(address))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no mail to " + address + " in " + answer.body()));
  }

  @Test
  void aSignUpsVerificationMailIsKeptUnsentInTheOutboxAndItsLinkWorks() {
    TestUser user = signup("outbox");

    JsonNode mail = outboxMailTo(user.email());

    assertThat(mail.path("kind").asText()).isEqualTo("email_verification");
    assertThat(mail.path("subject").asText()).contains("Verify your email address");
    assertThat(mail.has("sent_at")).as("never sent without SMTP").isFalse();
    assertThat(mail.path("user_id").asText()).isEqualTo(user.id().toString());
    Matcher link = VERIFY_LINK.matcher(mail.path("body").asText());
    assertThat(link.find()).as(mail.path("body").asText()).isTrue();
    assertThat(link.group(2)).isEqualTo(user.id().toString());
    JsonNode me = api.get("/api/me", user.token()).json();
    assertThat(me.path("email_verified").asBoolean()).isFalse();
    assertThat(me.path("email_verification_sent_at").asText()).isNotBlank();

    ApiClient.Answer confirmed =
        api.post(
            "/api/auth/verification/confirm",
            null,
            Map.of("user_id", link.group(2), "token", link.group(3)));

    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    assertThat(confirmed.json().path("email_verified").asBoolean()).isTrue();
    assertThat(api.get("/api/me", user.token()).json().path("email_verified").asBoolean()).isTrue();
  }

  @Test
  void aRefusedSignUpWritesNoMail() {
    TestUser user = signup("outbox-once");

    ApiClient.Answer again =
        api.post(
            "/api/auth/signup",
            null,
            Map.of("email", user.email(), "name", "Again", "password", "another-password"));

    assertThat(again.status()).isEqualTo(409);
    assertThat(
            jdbc.sql("SELECT count(*) FROM outbox_mails WHERE to_address = :a")
                .param("a", user.email().toLowerCase(java.util.Locale.ROOT))
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void onlyASuperAdminReadsTheOutbox() {
    TestUser customer = signup("outbox-customer");
    TestUser admin = admin();
    String adminToken = login(admin.email(), admin.password());

    ApiClient.Answer asCustomer = api.get("/api/admin/outbox", customer.token());
    ApiClient.Answer asAdmin = api.get("/api/admin/outbox", adminToken);

    assertThat(asCustomer.status()).isEqualTo(403);
    assertThat(asCustomer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(asAdmin.status()).isEqualTo(403);
    assertThat(asAdmin.json().path("detail").asText()).contains("super_admin");
    assertThat(api.get("/api/admin/outbox", null).status()).isEqualTo(401);
  }

  @Test
  void theOutboxIsReadInPagesNewestFirst() {
    TestUser older = signup("outbox-older");
    TestUser newer = signup("outbox-newer");
    String token = superAdminToken();

    ApiClient.Answer first = api.get("/api/admin/outbox?limit=1", token);
    ApiClient.Answer second =
        api.get(
            "/api/admin/outbox?limit=1&cursor=" + first.json().path("next_cursor").asText(), token);

    assertThat(first.json().path("items").get(0).path("to_address").asText())
        .isEqualTo(newer.email());
    assertThat(second.json().path("items").get(0).path("to_address").asText())
        .isEqualTo(older.email());
    assertThat(api.get("/api/admin/outbox?limit=0", token).status()).isEqualTo(400);
    assertThat(api.get("/api/admin/outbox?cursor=nonsense", token).status()).isEqualTo(400);
  }

  @Test
  void anUnverifiedAccountMayStartCampaignsAndPlaceCallsWhileVerificationIsOptional() {
    TestUser user = signup("outbox-optional");
    TenantRows rows = TenantRows.of(api, jdbc, user.token(), user.id());

    ApiClient.Answer started =
        api.post("/api/campaigns/" + rows.campaign() + "/start", user.token(), Map.of());
    ApiClient.Answer call =
        api.post(
            "/api/calls",
            user.token(),
            Map.of(
                "agent_id", rows.agent(),
                "contact_id", rows.contact(),
                "scheduled_at", "2030-01-02T15:00:00Z"));

    assertThat(started.status()).as(started.body()).isEqualTo(200);
    assertThat(call.status()).as(call.body()).isEqualTo(202);
  }

  @Test
  void theBootstrappedSuperAdminCountsAsVerified() {
    assertThat(api.get("/api/me", superAdminToken()).json().path("email_verified").asBoolean())
        .isTrue();
  }

  @Test
  void aPasswordResetMailIsKeptInTheOutboxToo() {
    TestUser user = signup("outbox-reset");

    ApiClient.Answer asked =
        api.post("/api/auth/password-reset", null, Map.of("email", user.email()));

    assertThat(asked.status()).as(asked.body()).isEqualTo(202);
    JsonNode mail = outboxMailTo(user.email());
    assertThat(mail.path("kind").asText()).isEqualTo("password_reset");
    assertThat(mail.path("body").asText()).contains("/reset-password?user=" + user.id());
  }
}
