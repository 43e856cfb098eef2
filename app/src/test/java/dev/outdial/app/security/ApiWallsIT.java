package dev.outdial.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.ApiClient;
import dev.outdial.app.testing.ApiOperations;
import dev.outdial.app.testing.ApiOperations.Operation;
import dev.outdial.app.testing.ApiTestSupport;
import dev.outdial.app.testing.TenantRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the API, as its own OpenAPI document lists it, behind the same walls: no
 * token, a forged, tampered, expired or foreign one is 401; a customer on an administrator's path
 * is 403; another tenant's row is 404 and stays as it was. A new endpoint is checked without anyone
 * adding it here.
 */
class ApiWallsIT extends ApiTestSupport {

  private List<Operation> operations() {
    return ApiOperations.all(api).stream()
        .filter(operation -> !operation.path().startsWith("/api/auth/"))
        .toList();
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
      String path = operation.filled(Map.of());
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
      ApiClient.Answer answer = send(operation, operation.filled(Map.of()), user.token());
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
    Map<String, String> ids = TenantRows.of(api, jdbc, owner.token(), owner.id()).byResource();
    String before = snapshot(owner);
    TestUser intruder = signup("walls-intruder");

    SoftAssertions softly = new SoftAssertions();
    int checked = 0;
    for (Operation operation : operations()) {
      if (operation.admin() || !operation.path().contains("{id}")) {
        continue;
      }
      checked++;
      ApiClient.Answer answer = send(operation, operation.filled(ids), intruder.token());
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
