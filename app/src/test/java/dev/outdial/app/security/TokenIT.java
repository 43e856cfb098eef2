package dev.outdial.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.ApiTestSupport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenIT extends ApiTestSupport {

  @Test
  void aRequestWithoutATokenIsUnauthorizedWithAProblem() {
    var answer = api.get("/api/me", null);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(answer.json().path("detail").asText()).contains("bearer token");
  }

  @Test
  void aTamperedTokenIsUnauthorized() {
    TestUser user = signup("tamper");
    String[] parts = user.token().split("\\.");
    // Another user's id in the payload, the original signature kept.
    String forgedPayload =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("{\"sub\":\"" + java.util.UUID.randomUUID() + "\",\"iss\":\"outdial\"}")
                    .getBytes());
    String tampered = parts[0] + "." + forgedPayload + "." + parts[2];

    assertThat(api.get("/api/me", tampered).status()).isEqualTo(401);
    assertThat(api.get("/api/me", user.token() + "x").status()).isEqualTo(401);
    assertThat(api.get("/api/me", "not-a-jwt").status()).isEqualTo(401);
  }

  @Test
  void aTokenSignedWithAnotherSecretIsUnauthorized() {
    TestUser user = signup("othersecret");
    var foreign =
        new TokenService(
            new JwtProperties("some-other-secret-of-enough-length-here", Duration.ofHours(1)),
            Clock.systemUTC());

    String token = foreign.issue(new CurrentUser(user.id(), user.email(), Role.USER)).token();

    assertThat(api.get("/api/me", token).status()).isEqualTo(401);
  }

  @Test
  void anExpiredTokenIsUnauthorized() {
    TestUser user = signup("expired");
    var yesterday =
        new TokenService(
            new JwtProperties(JWT_SECRET, Duration.ofHours(1)),
            Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC));

    String token = yesterday.issue(new CurrentUser(user.id(), user.email(), Role.USER)).token();
    var answer = api.get("/api/me", token);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().path("detail").asText()).containsIgnoringCase("expired");
  }

  @Test
  void theTokenOfAUserDeactivatedAfterLoginStopsWorkingAtOnce() {
    TestUser user = signup("deactivated");
    assertThat(api.get("/api/me", user.token()).status()).isEqualTo(200);

    api.patch("/api/admin/users/" + user.id(), superAdminToken(), Map.of("is_active", false));
    var answer = api.get("/api/me", user.token());

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().path("detail").asText()).contains("deactivated");
  }
}
