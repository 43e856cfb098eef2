package dev.outdial.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.ApiClient;
import dev.outdial.app.testing.ApiOperations;
import dev.outdial.app.testing.ApiOperations.Operation;
import dev.outdial.app.testing.ApiTestSupport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the API, as its OpenAPI document lists it, fed what an attacker or a broken
 * client sends: malformed, truncated, deeply nested and huge JSON, SQL and odd unicode in every
 * text field and search parameter. Each gets an answer below 500, with a problem detail when it is
 * refused, and nothing of another tenant leaks.
 */
class HostileInputIT extends ApiTestSupport {

  /** Text that has broken other systems: SQL, a NUL, lone surrogates, right-to-left, emoji. */
  private static final List<String> HOSTILE_TEXT =
      List.of(
          "' OR '1'='1' --",
          "'; DROP TABLE users; --",
          "\u0000nul",
          "\ud800 lone surrogate",
          "\u202egnp.exe",
          "Zalgo Z\u0351\u0352\u0353\u0354",
          "\ud83d\udcde\ud83e\udd16",
          "%00%27%22<script>alert(1)</script>",
          "x".repeat(100_000));

  private List<Operation> operations() {
    return ApiOperations.all(api);
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  @Test
  void malformedTruncatedNestedAndHugeBodiesAreRefusedWithAProblem() {
    TestUser user = signup("hostile-bodies");
    String token = user.token();
    List<String> bodies =
        List.of(
            "{\"name\": \"unterminated",
            "{\"name\": ",
            "not json at all",
            "[]",
            "null",
            "{\"name\": {\"nested\": " + nested(5_000) + "}}",
            nested(100_000),
            "{\"name\": \"" + "y".repeat(3_000_000) + "\"}",
            "{\"name\": \"raw\u0001control\"}",
            "{\"name\": \"nul \\u0000 escaped\"}",
            "\u0000\u0001\u0002");
    SoftAssertions softly = new SoftAssertions();
    int checked = 0;
    for (Operation operation : operations()) {
      if (!operation.takesJson()) {
        continue;
      }
      checked++;
      String path = operation.filled(Map.of());
      String auth = path.startsWith("/api/admin/") ? superAdminToken() : token;
      for (String body : bodies) {
        ApiClient.Answer answer = api.send(operation.method(), path, auth, body, Map.of());
        String what = operation + " with " + body.substring(0, Math.min(40, body.length()));
        softly.assertThat(answer.status()).as(what).isBetween(400, 499);
        softly
            .assertThat(answer.header("Content-Type"))
            .as(what)
            .startsWith("application/problem+json");
      }
    }
    assertThat(checked).isGreaterThan(10);
    softly.assertAll();
  }

  @Test
  void hostileTextInEveryFieldAndSearchParameterNeverBreaksTheServer() {
    TestUser owner = signup("hostile-owner");
    api.post(
        "/api/contacts",
        owner.token(),
        Map.of("name", "Secret Sauce", "phone_number", "+14155550177"));
    TestUser user = signup("hostile-text");

    SoftAssertions softly = new SoftAssertions();
    for (Operation operation : operations()) {
      String path = operation.filled(Map.of());
      String auth = path.startsWith("/api/admin/") ? superAdminToken() : user.token();
      for (String text : HOSTILE_TEXT) {
        String what = operation + " with " + text.substring(0, Math.min(30, text.length()));
        if (!operation.queryParameters().isEmpty()) {
          StringBuilder query = new StringBuilder(path).append('?');
          for (String name : operation.queryParameters()) {
            query
                .append(name)
                .append('=')
                .append(URLEncoder.encode(text, StandardCharsets.UTF_8))
                .append('&');
          }
          ApiClient.Answer answer =
              api.send(operation.method(), query.toString(), auth, null, Map.of());
          softly.assertThat(answer.status()).as(what + " (query)").isLessThan(500);
          softly
              .assertThat(answer.body())
              .as(what + ": another tenant's contact")
              .doesNotContain("Secret Sauce");
        }
        if (operation.takesJson()) {
          Map<String, Object> body = new java.util.HashMap<>();
          for (String field :
              List.of(
                  "name",
                  "email",
                  "phone_number",
                  "prompt",
                  "description",
                  "company",
                  "notes",
                  "next_action",
                  "timezone",
                  "reason",
                  "agent_id",
                  "first_call_time",
                  "start_date",
                  "password",
                  "role",
                  "quiet_hours")) {
            body.put(field, text);
          }
          ApiClient.Answer answer = api.send(operation.method(), path, auth, body, Map.of());
          softly.assertThat(answer.status()).as(what + " (body)").isLessThan(500);
        }
      }
    }
    softly.assertAll();
  }
}
