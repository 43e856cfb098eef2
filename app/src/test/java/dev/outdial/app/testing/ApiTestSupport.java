package dev.outdial.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.app.EmbeddedDefaultsTestSupport;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole app on its embedded defaults, driven over HTTP. All API tests share one application
 * context (one Postgres, one Temporal), so each test makes its own users with unique emails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
    properties = {
      "outdial.jwt.secret=" + ApiTestSupport.JWT_SECRET,
      "outdial.bootstrap.super-admin.email=" + ApiTestSupport.SUPER_ADMIN_EMAIL,
      "outdial.bootstrap.super-admin.password=" + ApiTestSupport.SUPER_ADMIN_PASSWORD,
      "outdial.stripe.webhook-secret=" + ApiTestSupport.STRIPE_WEBHOOK_SECRET,
      "outdial.temporal.ui-url=" + ApiTestSupport.TEMPORAL_UI,
      // Every test signs up from 127.0.0.1; the per-account limits stay as they ship.
      "outdial.auth.rate-limit.address-attempts=1000000",
    })
public abstract class ApiTestSupport extends EmbeddedDefaultsTestSupport {

  public static final String JWT_SECRET = "test-secret-that-is-long-enough-for-hs256-signing";
  public static final String SUPER_ADMIN_EMAIL = "root@outdial.test";
  public static final String SUPER_ADMIN_PASSWORD = "root-password-1";
  public static final String STRIPE_WEBHOOK_SECRET = "whsec_test_secret";
  public static final String TEMPORAL_UI = "http://temporal-ui.test:8088";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @LocalServerPort protected int port;
  @Autowired protected JdbcClient jdbc;
  protected ApiClient api;

  @BeforeEach
  void connect() {
    api = new ApiClient(port);
  }

  /** A signed-up user of role {@code user}. */
  protected record TestUser(UUID id, String email, String password, String token) {}

  protected TestUser signup(String namePrefix) {
    String email =
        namePrefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID() + "@example.com";
    String password = "password-" + SEQUENCE.get();
    var answer =
        api.post(
            "/api/auth/signup",
            null,
            Map.of("email", email, "name", namePrefix, "password", password));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    JsonNode json = answer.json();
    return new TestUser(
        UUID.fromString(json.path("user").path("id").asText()),
        email,
        password,
        json.path("token").asText());
  }

  protected String superAdminToken() {
    return login(SUPER_ADMIN_EMAIL, SUPER_ADMIN_PASSWORD);
  }

  protected String login(String email, String password) {
    var answer = api.post("/api/auth/login", null, Map.of("email", email, "password", password));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().path("token").asText();
  }

  /** A user promoted to {@code admin} by the super_admin, with a fresh token. */
  protected TestUser admin() {
    TestUser user = signup("admin");
    var answer =
        api.patch("/api/admin/users/" + user.id(), superAdminToken(), Map.of("role", "admin"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return user;
  }

  protected int ledgerSum(UUID userId) {
    return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM credit_transactions WHERE user_id = :id")
        .param("id", userId)
        .query(Integer.class)
        .single();
  }

  protected int credits(UUID userId) {
    return jdbc.sql("SELECT credits FROM users WHERE id = :id")
        .param("id", userId)
        .query(Integer.class)
        .single();
  }
}
