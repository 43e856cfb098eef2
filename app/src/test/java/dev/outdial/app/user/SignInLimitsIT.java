package dev.outdial.app.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.ApiClient;
import dev.outdial.app.testing.ApiTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Guessing passwords or signing up again and again is answered 429, with when to come back. */
class SignInLimitsIT extends ApiTestSupport {

  private ApiClient.Answer signIn(String email, String password) {
    return api.post("/api/auth/login", null, Map.of("email", email, "password", password));
  }

  @Test
  void fiveWrongPasswordsLockTheAccountForAWhileEvenAgainstTheRightOne() {
    TestUser user = signup("guessed");
    TestUser bystander = signup("bystander");
    for (int i = 0; i < 5; i++) {
      var wrong = signIn(user.email(), "wrong-" + i);
      assertThat(wrong.status()).as(i + " " + wrong.body()).isEqualTo(401);
    }

    var refused = signIn(user.email(), user.password());
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().path("title").asText()).isEqualTo("Too many attempts");
    assertThat(refused.json().path("detail").asText())
        .isEqualTo("Too many wrong passwords for this account; try again in 15 minutes");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(850L, 900L);

    assertThat(signIn(bystander.email(), bystander.password()).status())
        .as("another account is not touched")
        .isEqualTo(200);
  }

  @Test
  void aSuccessfulSignInForgetsEarlierWrongPasswords() {
    TestUser user = signup("forgetful");
    for (int i = 0; i < 4; i++) {
      var wrong = signIn(user.email(), "wrong-" + i);
      assertThat(wrong.status()).as(i + " " + wrong.body()).isEqualTo(401);
    }
    assertThat(signIn(user.email(), user.password()).status()).isEqualTo(200);
    for (int i = 0; i < 4; i++) {
      assertThat(signIn(user.email(), "wrong-again-" + i).status()).isEqualTo(401);
    }
    assertThat(signIn(user.email(), user.password()).status()).isEqualTo(200);
  }

  @Test
  void signingUpTheSameEmailAgainAndAgainIsRefused() {
    String email = "again-" + System.nanoTime() + "@example.com";
    Map<String, String> body = Map.of("email", email, "name", "Again", "password", "password-1");
    assertThat(api.post("/api/auth/signup", null, body).status()).isEqualTo(201);
    for (int i = 0; i < 4; i++) {
      assertThat(api.post("/api/auth/signup", null, body).status()).isEqualTo(409);
    }
    var refused = api.post("/api/auth/signup", null, body);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isNotBlank();
    assertThat(refused.json().path("detail").asText())
        .startsWith("Too many sign-ups for this email");
  }
}
