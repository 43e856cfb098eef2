package dev.outdial.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.BrowserTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Console pages over calls that really run: the built-in simulator plays them fast, nobody's quiet
 * hours hold them back, and Temporal Web UI has an address so pages link workflows. The console's
 * campaign, call and lead tests share this one application context.
 */
abstract class ConsoleSimulatorTestSupport extends BrowserTestSupport {

  static final String TEMPORAL_UI = "http://temporal-ui.test";

  @DynamicPropertySource
  static void fastSimulator(DynamicPropertyRegistry registry) {
    registry.add("outdial.simulator.ring-seconds", () -> "0.05");
    registry.add("outdial.simulator.post-processing-seconds", () -> "0.05");
    // Ten milliseconds per reported second: a 300-second call lasts three seconds.
    registry.add("outdial.simulator.time-scale", () -> "0.01");
    registry.add("outdial.bolna.webhook.sweep-interval", () -> "200ms");
    registry.add("outdial.dispatch.poll-interval", () -> "300ms");
    registry.add("outdial.dispatch.ensure-interval", () -> "1s");
    registry.add("outdial.quiet-hours", () -> "off");
    registry.add("outdial.temporal.ui-url", () -> TEMPORAL_UI);
  }

  /** The API token of a user who signed up in the browser. */
  protected String token(TestUser user) {
    return login(user.email(), user.password());
  }

  protected UUID agent(String token, String name) {
    var answer = api.post("/api/agents", token, Map.of("name", name, "prompt", "Book demos"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return UUID.fromString(answer.json().path("id").asText());
  }

  protected UUID contact(String token, String name, String number) {
    var answer = api.post("/api/contacts", token, Map.of("name", name, "phone_number", number));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return UUID.fromString(answer.json().path("id").asText());
  }

  /** Fixes how the simulator plays every call to {@code number}. */
  protected void simulate(String number, Map<String, Object> outcome) {
    var answer = api.put("/simulator/bolna/numbers/" + number, null, outcome);
    assertThat(answer.status()).as(answer.body()).isLessThan(300);
  }

  private static final AtomicInteger NUMBERS = new AtomicInteger(7000);

  /** A number no other test of this context dials, in San Francisco. */
  protected static String freshNumber() {
    return "+1415555" + NUMBERS.getAndIncrement();
  }

  protected Object script(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  /** A GET in the browser's session, for what a browser would download. */
  protected HttpResponse<String> download(String path) throws IOException, InterruptedException {
    Cookie session = browser.manage().getCookieNamed("OUTDIAL_SESSION");
    assertThat(session).as("the browser is signed in").isNotNull();
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url(path)))
                .header("Cookie", "OUTDIAL_SESSION=" + session.getValue())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
