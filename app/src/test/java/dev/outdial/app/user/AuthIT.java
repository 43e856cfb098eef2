package dev.outdial.app.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.app.testing.ApiTestSupport;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class AuthIT extends ApiTestSupport {

  @Test
  void signupAnswersATokenAndTheUserWithFifteenWelcomeCreditsInTheLedger() {
    var answer =
        api.post(
            "/api/auth/signup",
            null,
            Map.of(
                "email", "  New.User@Example.COM ", "name", "New User", "password", "secret-pass"));

    assertThat(answer.status()).isEqualTo(201);
    JsonNode user = answer.json().path("user");
    assertThat(answer.json().path("token").asText()).isNotBlank();
    assertThat(user.path("email").asText()).isEqualTo("new.user@example.com");
    assertThat(user.path("credits").asInt()).isEqualTo(15);
    assertThat(user.path("role").asText()).isEqualTo("user");
    assertThat(user.path("concurrent_calls_limit").asInt()).isEqualTo(2);
    assertThat(user.has("password_hash")).isFalse();
    assertThat(answer.body()).doesNotContain("$2a$");

    var id = java.util.UUID.fromString(user.path("id").asText());
    assertThat(ledgerSum(id)).isEqualTo(credits(id)).isEqualTo(15);
    assertThat(
            jdbc.sql("SELECT type FROM credit_transactions WHERE user_id = :id")
                .param("id", id)
                .query(String.class)
                .list())
        .containsExactly("bonus");
    assertThat(
            jdbc.sql("SELECT password_hash FROM users WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single())
        .startsWith("$2");
  }

  @Test
  void aSecondSignupWithTheSameEmailInAnyCaseIsAConflict() {
    TestUser first = signup("dup");
    var answer =
        api.post(
            "/api/auth/signup",
            null,
            Map.of(
                "email", first.email().toUpperCase(), "name", "Again", "password", "another-pass"));

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.json().path("detail").asText()).contains("exists already");
  }

  @Test
  void signupValidationNamesEachBadField() {
    var answer =
        api.post("/api/auth/signup", null, Map.of("email", "not-an-email", "password", "short"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    List<String> fields =
        StreamSupport.stream(answer.json().path("errors").spliterator(), false)
            .map(error -> error.path("field").asText())
            .distinct()
            .toList();
    assertThat(fields).containsExactlyInAnyOrder("email", "name", "password");
  }

  @Test
  void malformedJsonIsABadRequestProblem() {
    var answer = api.post("/api/auth/signup", null, "{\"email\": \"a@b.c\", ");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.json().path("title").asText()).isEqualTo("Malformed request body");
  }

  @Test
  void loginWithTheRightPasswordAnswersATokenThatOpensTheApi() {
    TestUser user = signup("login");

    String token = login(user.email(), user.password());
    var me = api.get("/api/me", token);

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("id").asText()).isEqualTo(user.id().toString());
  }

  @Test
  void loginWithAWrongPasswordOrUnknownEmailIsUnauthorized() {
    TestUser user = signup("wrongpw");

    var wrongPassword =
        api.post("/api/auth/login", null, Map.of("email", user.email(), "password", "nope-nope"));
    var unknownEmail =
        api.post(
            "/api/auth/login",
            null,
            Map.of("email", "nobody@example.com", "password", "whatever1"));

    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownEmail.status()).isEqualTo(401);
    assertThat(wrongPassword.json().path("detail").asText())
        .isEqualTo(unknownEmail.json().path("detail").asText());
  }

  @Test
  void loginOfADeactivatedUserIsRefused() {
    TestUser user = signup("inactive");
    api.patch("/api/admin/users/" + user.id(), superAdminToken(), Map.of("is_active", false));

    var answer =
        api.post(
            "/api/auth/login", null, Map.of("email", user.email(), "password", user.password()));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.json().path("detail").asText()).contains("deactivated");
  }
}
