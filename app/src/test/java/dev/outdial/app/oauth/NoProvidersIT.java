package dev.outdial.app.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.ApiTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded defaults configure no identity provider: none is offered, anywhere. */
class NoProvidersIT extends ApiTestSupport {

  @Test
  void noProviderIsListedOrTakesASignIn() {
    var listed = api.get("/api/auth/providers", null);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().isArray()).isTrue();
    assertThat(listed.json()).isEmpty();

    var traded =
        api.post(
            "/api/auth/providers/google/token",
            null,
            Map.of("code", "c", "redirect_uri", "http://client.test/cb"));
    assertThat(traded.status()).isEqualTo(404);
    assertThat(traded.json().path("detail").asText()).contains("Sign-in with Google");
  }

  @Test
  void theConsoleOffersOnlyEmailAndDoesNotSendAnyoneToAProvider() throws Exception {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("Sign in").doesNotContain("/oauth2/authorization/");

    HttpResponse<String> start =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/oauth2/authorization/google"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // Not a provider's page: the path is the console's like any other, behind its sign-in.
    assertThat(start.statusCode()).isEqualTo(302);
    assertThat(start.headers().firstValue("Location").orElseThrow())
        .isEqualTo("http://localhost:" + port + "/login");
  }
}
