package dev.outdial.app.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The identity providers of the sign-in tests, on free ports: a real OpenID Connect provider
 * (mock-oauth2-server) with an issuer for Google and one for LinkedIn, and a stand-in for GitHub's
 * OAuth pages and its {@code /user} and {@code /user/emails} API.
 */
public final class IdentityProviderStubs {

  public static final String GOOGLE_CLIENT = "outdial-google-client";
  public static final String LINKEDIN_CLIENT = "outdial-linkedin-client";
  public static final String GITHUB_CLIENT = "outdial-github-client";

  private static final IdentityProviderStubs STUBS = new IdentityProviderStubs();

  private final MockOAuth2Server openIdConnect = new MockOAuth2Server();
  private final GitHub gitHub = new GitHub();

  private IdentityProviderStubs() {
    openIdConnect.start();
    gitHub.start();
  }

  public static IdentityProviderStubs stubs() {
    return STUBS;
  }

  /** Configures the app with all three providers, pointed at these stubs. */
  public static void register(DynamicPropertyRegistry registry) {
    IdentityProviderStubs stubs = stubs();
    registry.add("outdial.oauth.google.client-id", () -> GOOGLE_CLIENT);
    registry.add("outdial.oauth.google.client-secret", () -> "google-secret");
    registry.add("outdial.oauth.google.issuer-uri", () -> stubs.issuer("google"));
    registry.add("outdial.oauth.linkedin.client-id", () -> LINKEDIN_CLIENT);
    registry.add("outdial.oauth.linkedin.client-secret", () -> "linkedin-secret");
    registry.add("outdial.oauth.linkedin.issuer-uri", () -> stubs.issuer("linkedin"));
    registry.add("outdial.oauth.github.client-id", () -> GITHUB_CLIENT);
    registry.add("outdial.oauth.github.client-secret", () -> "github-secret");
    registry.add("outdial.oauth.github.base-uri", () -> stubs.gitHub.url());
    registry.add("outdial.oauth.github.api-uri", () -> stubs.gitHub.url() + "/api");
  }

  public String issuer(String issuerId) {
    return openIdConnect.issuerUrl(issuerId).toString();
  }

  /**
   * The next sign-in at this OpenID Connect issuer is of this person; {@code emailVerified} null
   * leaves the claim out.
   */
  public void nextOpenIdPerson(
      String issuerId,
      String clientId,
      String subject,
      String email,
      Boolean emailVerified,
      String name) {
    Map<String, Object> claims = new HashMap<>();
    if (email != null) {
      claims.put("email", email);
    }
    if (emailVerified != null) {
      claims.put("email_verified", emailVerified);
    }
    if (name != null) {
      claims.put("name", name);
    }
    openIdConnect.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            issuerId, subject, JOSEObjectType.JWT.getType(), List.of(clientId), claims, 3600));
  }

  /** The next sign-in at GitHub is of this person. */
  public void nextGitHubPerson(GitHubPerson person) {
    gitHub.next.set(person);
  }

  /** The next person at GitHub declines to let Outdial read their account. */
  public void nextGitHubPersonDeclines() {
    gitHub.next.set(null);
  }

  /** A GitHub account: its numeric id, login, name and addresses. */
  public record GitHubPerson(long id, String login, String name, List<GitHubEmail> emails) {}

  public record GitHubEmail(String email, boolean primary, boolean verified) {}

  /** GitHub's sign-in pages and the two API paths a sign-in reads. */
  private static final class GitHub {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicReference<GitHubPerson> next = new AtomicReference<>();
    private final Map<String, GitHubPerson> byCode = new ConcurrentHashMap<>();
    private final Map<String, GitHubPerson> byToken = new ConcurrentHashMap<>();
    private HttpServer server;

    void start() {
      try {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext("/login/oauth/authorize", this::authorize);
      server.createContext("/login/oauth/access_token", this::accessToken);
      server.createContext("/api/user", this::user);
      server.setExecutor(null);
      server.start();
    }

    String url() {
      return "http://localhost:" + server.getAddress().getPort();
    }

    /** Signs the next person in at once and sends them back with a code, as GitHub would. */
    private void authorize(HttpExchange exchange) throws IOException {
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      GitHubPerson person = next.get();
      String answer;
      if (person == null) {
        answer =
            "error=access_denied&error_description="
                + URLEncoder.encode(
                    "The user has denied your application access.", StandardCharsets.UTF_8);
      } else {
        String code = "code-" + UUID.randomUUID();
        byCode.put(code, person);
        answer = "code=" + code;
      }
      String location =
          query.get("redirect_uri")
              + "?"
              + answer
              + "&state="
              + URLEncoder.encode(query.getOrDefault("state", ""), StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Location", location);
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    }

    private void accessToken(HttpExchange exchange) throws IOException {
      String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      GitHubPerson person = byCode.remove(query(form).getOrDefault("code", ""));
      if (person == null) {
        respond(
            exchange,
            200,
            Map.of(
                "error",
                "bad_verification_code",
                "error_description",
                "The code passed is incorrect or expired."));
        return;
      }
      String token = "gho_" + UUID.randomUUID().toString().replace("-", "");
      byToken.put(token, person);
      respond(
          exchange,
          200,
          Map.of("access_token", token, "token_type", "bearer", "scope", "read:user,user:email"));
    }

    private void user(HttpExchange exchange) throws IOException {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      GitHubPerson person =
          authorization == null
              ? null
              : byToken.get(authorization.replaceFirst("(?i)^bearer ", ""));
      if (person == null) {
        respond(exchange, 401, Map.of("message", "Bad credentials"));
        return;
      }
      if (exchange.getRequestURI().getPath().endsWith("/user/emails")) {
        respond(exchange, 200, person.emails());
        return;
      }
      Map<String, Object> profile = new HashMap<>();
      profile.put("id", person.id());
      profile.put("login", person.login());
      profile.put("name", person.name());
      profile.put("email", null);
      respond(exchange, 200, profile);
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
      byte[] bytes = JSON.writeValueAsBytes(body);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    }

    private static Map<String, String> query(String raw) {
      Map<String, String> values = new HashMap<>();
      if (raw == null || raw.isEmpty()) {
        return values;
      }
      for (String pair : raw.split("&")) {
        int equals = pair.indexOf('=');
        String key = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        values.put(
            URLDecoder.decode(key, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
      return values;
    }
  }
}
