package dev.outdial.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.app.testing.ApiClient;
import dev.outdial.app.testing.ApiTestSupport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the API, as its own OpenAPI document lists it, behind the same walls: no
 * token, a forged, tampered, expired or foreign one is 401; a customer on an administrator's path
 * is 403; another tenant's row is 404 and stays as it was. A new endpoint is checked without anyone
 * adding it here.
 */
class ApiWallsIT extends ApiTestSupport {

  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

  record Operation(String method, String path) {
    boolean admin() {
      return path.startsWith("/api/admin/");
    }

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
      if (!path.getKey().startsWith("/api/") || path.getKey().startsWith("/api/auth/")) {
        continue;
      }
      path.getValue()
          .fieldNames()
          .forEachRemaining(
              method -> operations.add(new Operation(method.toUpperCase(), path.getKey())));
    }
    assertThat(operations).as("the API's own document lists its operations").hasSizeGreaterThan(40);
    return operations;
  }

  /** The path with each variable filled: ids from {@code ids} by the path's resource. */
  private static String filled(Operation operation, Map<String, String> ids) {
    Matcher variable = PATH_VARIABLE.matcher(operation.path());
    StringBuilder path = new StringBuilder();
    while (variable.find()) {
      String name = variable.group(1);
      String value;
      if (name.startsWith("action")) {
        value = "pause";
      } else if (name.equals("phoneNumber")) {
        value = "%2B14155550142";
      } else {
        String resource = operation.path().split("/")[2];
        value = ids.getOrDefault(resource, UUID.randomUUID().toString());
      }
      variable.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    variable.appendTail(path);
    return path.toString();
  }

  /** The operation with an empty JSON object as its body where it takes one. */
  private ApiClient.Answer send(Operation operation, String path, String token) {
    boolean takesBody = Set.of("POST", "PUT", "PATCH").contains(operation.method());
    return api.send(operation.method(), path, token, takesBody ? Map.of() : null, Map.of());
  }

  @Test
  void everyOperationRefusesARequestWithoutAValidToken() {
    TestUser user = signup("walls-token");
    String[] parts = user.token().split("\\.");
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("{\"sub\":\"" + UUID.randomUUID() + "\"}").getBytes())
            + "."
            + parts[2];
    String expired =
        new TokenService(
                new JwtProperties(JWT_SECRET, Duration.ofHours(1)),
                Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC))
            .issue(new CurrentUser(user.id(), user.email(), Role.USER))
            .token();
    String foreign =
        new TokenService(
                new JwtProperties(
                    "another-secret-that-is-long-enough-for-hs256", Duration.ofHours(1)),
                Clock.systemUTC())
            .issue(new CurrentUser(user.id(), user.email(), Role.SUPER_ADMIN))
            .token();

    SoftAssertions softly = new SoftAssertions();
    for (Operation operation : operations()) {
      String path = filled(operation, Map.of());
      for (String token : new String[] {null, "not-a-jwt", forged, expired, foreign}) {
        ApiClient.Answer answer = send(operation, path, token);
        softly.assertThat(answer.status()).as(operation + " with " + token).isEqualTo(401);
        softly
            .assertThat(answer.header("Content-Type"))
            .as(operation + " answers a problem")
            .startsWith("application/problem+json");
      }
    }
    softly.assertAll();
  }

  @Test
  void everyAdministratorsOperationIsForbiddenToACustomer() {
    TestUser user = signup("walls-admin");
    SoftAssertions softly = new SoftAssertions();
    List<Operation> admin = operations().stream().filter(Operation::admin).toList();
    assertThat(admin).hasSizeGreaterThan(5);
    for (Operation operation : admin) {
      ApiClient.Answer answer = send(operation, filled(operation, Map.of()), user.token());
      softly.assertThat(answer.status()).as(operation.toString()).isEqualTo(403);
      softly
          .assertThat(answer.json().path("detail").asText())
          .as(operation.toString())
          .isNotBlank();
    }
    softly.assertAll();
  }

  @Test
  void everyOperationOnAnotherTenantsRowIsNotFoundAndChangesNothing() {
    TestUser owner = signup("walls-owner");
    Map<String, String> ids = rowsOf(owner);
    String before = snapshot(owner);
    TestUser intruder = signup("walls-intruder");

    SoftAssertions softly = new SoftAssertions();
    int checked = 0;
    for (Operation operation : operations()) {
      if (operation.admin() || !operation.path().contains("{id}")) {
        continue;
      }
      checked++;
      ApiClient.Answer answer = send(operation, filled(operation, ids), intruder.token());
      softly
          .assertThat(answer.status())
          .as(operation + ": " + answer.body())
          .isIn(
              operation.method().equals("GET") || operation.method().equals("DELETE")
                  ? List.of(404)
                  : List.of(400, 404));
    }
    assertThat(checked).isGreaterThan(10);
    softly.assertAll();
    assertThat(snapshot(owner)).as("the owner's rows are as they were").isEqualTo(before);
  }

  private Map<String, String> rowsOf(TestUser owner) {
    String agent =
        api.post("/api/agents", owner.token(), Map.of("name", "Private agent", "prompt", "Hi"))
            .json()
            .path("id")
            .asText();
    String contact =
        api.post(
                "/api/contacts",
                owner.token(),
                Map.of("name", "Private contact", "phone_number", "+14155550142"))
            .json()
            .path("id")
            .asText();
    String campaign =
        api.post(
                "/api/campaigns",
                owner.token(),
                Map.of(
                    "name", "Private campaign",
                    "agent_id", agent,
                    "next_action", "Sell",
                    "first_call_time", "09:00",
                    "last_call_time", "17:00",
                    "start_date", "2030-01-01"))
            .json()
            .path("id")
            .asText();
    String call =
        jdbc.sql(
                """
                INSERT INTO calls (agent_id, user_id, contact_id, bolna_execution_id, phone_number,
                                   status)
                VALUES (CAST(:a AS uuid), :u, CAST(:c AS uuid), :e, '+14155550142', 'completed')
                RETURNING id
                """)
            .param("a", agent)
            .param("u", owner.id())
            .param("c", contact)
            .param("e", "exec-" + UUID.randomUUID())
            .query(UUID.class)
            .single()
            .toString();
    return Map.of(
        "agents", agent, "contacts", contact, "campaigns", campaign, "calls", call, "leads", call);
  }

  /** Everything of the owner's an intruder could change, as one text. */
  private String snapshot(TestUser owner) {
    return jdbc.sql(
            """
            SELECT concat_ws(' | ',
              (SELECT string_agg(concat_ws(',', id, name, is_active, updated_at), ';' ORDER BY id)
               FROM agents WHERE user_id = :u),
              (SELECT string_agg(concat_ws(',', id, name, phone_number, updated_at), ';' ORDER BY id)
               FROM contacts WHERE user_id = :u),
              (SELECT string_agg(concat_ws(',', id, name, status, updated_at), ';' ORDER BY id)
               FROM call_campaigns WHERE user_id = :u),
              (SELECT string_agg(concat_ws(',', id, status, metadata, updated_at), ';' ORDER BY id)
               FROM calls WHERE user_id = :u),
              (SELECT concat_ws(',', credits, is_active, role) FROM users WHERE id = :u))
            """)
        .param("u", owner.id())
        .query(String.class)
        .single();
  }
}
