package dev.outdial.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.app.testing.ApiClient;
import dev.outdial.app.testing.ApiTestSupport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

  record Operation(String method, String path, List<String> queryParameters, boolean takesBody) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private List<Operation> operations() {
    JsonNode spec = api.get("/v3/api-docs", null).json();
    List<Operation> operations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (!path.getKey().startsWith("/api/")) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
          methods.hasNext(); ) {
        Map.Entry<String, JsonNode> method = methods.next();
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : method.getValue().path("parameters")) {
          if (parameter.path("in").asText().equals("query")) {
            query.add(parameter.path("name").asText());
          }
        }
        boolean json =
            method.getValue().path("requestBody").path("content").has("application/json");
        operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), query, json));
      }
    }
    return operations;
  }

  private static String filled(String path) {
    return path.replaceAll("\\{action[^}]*}", "pause")
        .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
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
      if (!operation.takesBody()) {
        continue;
      }
      checked++;
      String path = filled(operation.path());
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
      String path = filled(operation.path());
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
        if (operation.takesBody()) {
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
