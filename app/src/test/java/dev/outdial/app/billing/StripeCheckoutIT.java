package dev.outdial.app.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.outdial.app.testing.ApiTestSupport;
import dev.outdial.app.testing.ConsoleSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Checkout against a local stand-in for Stripe's API that records what it was sent. */
class StripeCheckoutIT extends ApiTestSupport {

  private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
  private static final HttpServer STRIPE = startStripeStub();

  @DynamicPropertySource
  static void stripe(DynamicPropertyRegistry registry) {
    registry.add("outdial.stripe.secret-key", () -> "sk_test_123");
    registry.add(
        "outdial.stripe.api-base", () -> "http://127.0.0.1:" + STRIPE.getAddress().getPort());
    registry.add("outdial.stripe.price-per-credit-cents", () -> "7");
  }

  @AfterAll
  static void stop() {
    STRIPE.stop(0);
  }

  @Test
  void checkoutOpensAStripeSessionForTheCallerAndAnswersItsUrl() {
    TestUser user = signup("checkout");

    var answer = api.post("/api/credits/checkout", user.token(), Map.of("credits", 250));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("checkout_url").asText())
        .isEqualTo("https://checkout.stripe.test/c/pay/cs_test_1");
    String form = URLDecoder.decode(REQUESTS.get(REQUESTS.size() - 1), StandardCharsets.UTF_8);
    assertThat(form)
        .contains("client_reference_id=" + user.id())
        .contains("metadata[credits]=250")
        .contains("line_items[0][quantity]=250")
        .contains("line_items[0][price_data][unit_amount]=7")
        .contains("mode=payment");
    assertThat(credits(user.id())).isEqualTo(15);
  }

  @Test
  void theConsoleSendsTheBuyerToStripeCheckoutForTheCreditsTheyAskFor() {
    TestUser user = signup("console-checkout");
    ConsoleSession console = ConsoleSession.signIn(port, user.email(), user.password());

    assertThat(console.get("/credits").body()).contains("Continue to payment").contains("0.07 USD");
    var refused = console.post("/credits", "/credits/checkout", Map.of("credits", "0"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("must be greater than or equal to 1");

    var answer = console.post("/credits", "/credits/checkout", Map.of("credits", "40"));

    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location"))
        .hasValue("https://checkout.stripe.test/c/pay/cs_test_1");
    String form = URLDecoder.decode(REQUESTS.get(REQUESTS.size() - 1), StandardCharsets.UTF_8);
    assertThat(form).contains("client_reference_id=" + user.id()).contains("metadata[credits]=40");
    assertThat(credits(user.id())).as("credits arrive only with Stripe's webhook").isEqualTo(15);
  }

  private static HttpServer startStripeStub() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/v1/checkout/sessions",
          exchange -> {
            REQUESTS.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body =
                """
                {"id": "cs_test_1", "object": "checkout.session",
                 "url": "https://checkout.stripe.test/c/pay/cs_test_1", "payment_status": "unpaid"}
                """
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
