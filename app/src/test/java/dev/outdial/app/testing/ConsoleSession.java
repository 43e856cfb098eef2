package dev.outdial.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A console session without a browser: signs in through the form, keeps the session cookie, and
 * posts forms with the CSRF token of the page they are on. Redirects are not followed, so a test
 * sees where a form sends the browser.
 */
public final class ConsoleSession {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
  private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newBuilder().build();
  private final String baseUrl;
  private String cookie = "";

  private ConsoleSession(int port) {
    this.baseUrl = "http://localhost:" + port;
  }

  public static ConsoleSession signIn(int port, String email, String password) {
    ConsoleSession session = new ConsoleSession(port);
    HttpResponse<String> login = session.get("/login");
    Matcher token = FORM_CSRF.matcher(login.body());
    assertThat(token.find()).as("the sign-in form has a CSRF token").isTrue();
    HttpResponse<String> signedIn =
        session.send(
            "/login", Map.of("email", email, "password", password, "_csrf", token.group(1)));
    assertThat(signedIn.headers().firstValue("Location").orElse(""))
        .as("signed in as %s", email)
        .doesNotContain("error");
    return session;
  }

  public HttpResponse<String> get(String path) {
    return exchange(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  /** Posts a form from the page at {@code from}, with that page's CSRF token. */
  public HttpResponse<String> post(String from, String path, Map<String, String> fields) {
    Matcher token = CSRF.matcher(get(from).body());
    assertThat(token.find()).as("%s carries a CSRF token", from).isTrue();
    Map<String, String> all = new java.util.LinkedHashMap<>(fields);
    all.put("_csrf", token.group(1));
    return send(path, all);
  }

  private HttpResponse<String> send(String path, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return exchange(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> exchange(HttpRequest.Builder request) {
    try {
      if (!cookie.isEmpty()) {
        request.header("Cookie", cookie);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      response
          .headers()
          .allValues("Set-Cookie")
          .forEach(
              set -> {
                if (set.startsWith("OUTDIAL_SESSION=")) {
                  cookie = set.substring(0, set.indexOf(';'));
                }
              });
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
