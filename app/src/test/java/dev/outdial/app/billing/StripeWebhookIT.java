package dev.outdial.app.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.net.Webhook;
import dev.outdial.app.testing.ApiClient.Answer;
import dev.outdial.app.testing.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

class StripeWebhookIT extends ApiTestSupport {

  private Answer deliver(String payload, String signature) {
    return api.send(
        "POST",
        "/webhooks/stripe",
        null,
        payload,
        signature == null ? Map.of() : Map.of("Stripe-Signature", signature));
  }

  private static String sign(String payload) {
    try {
      return Webhook.Signature.generateSignatureHeader(payload, STRIPE_WEBHOOK_SECRET);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String checkoutCompleted(UUID userId, int credits, String paymentIntent) {
    return """
        {"id": "evt_%s", "object": "event", "api_version": "2099-01-01.preview",
         "type": "checkout.session.completed",
         "data": {"object": {"id": "cs_test_%s", "object": "checkout.session",
           "client_reference_id": "%s", "payment_status": "paid",
           "payment_intent": "%s", "metadata": {"credits": "%d"},
           "a_field_from_the_future": {"x": 1}}}}
        """
        .formatted(UUID.randomUUID(), UUID.randomUUID(), userId, paymentIntent, credits);
  }

  private static String chargeRefunded(String paymentIntent, long amount, long refunded) {
    return """
        {"id": "evt_%s", "object": "event", "api_version": "2020-08-27",
         "type": "charge.refunded",
         "data": {"object": {"id": "ch_%s", "object": "charge", "payment_intent": "%s",
           "amount": %d, "amount_refunded": %d, "refunded": %s}}}
        """
        .formatted(
            UUID.randomUUID(),
            UUID.randomUUID(),
            paymentIntent,
            amount,
            refunded,
            refunded == amount);
  }

  private int purchaseRows(UUID userId) {
    return jdbc.sql(
            "SELECT count(*) FROM credit_transactions WHERE user_id = :id AND type = 'purchase'")
        .param("id", userId)
        .query(Integer.class)
        .single();
  }

  @Test
  void aPaidCheckoutCreditsTheUserExactlyOnceHoweverOftenStripeRepeatsIt() {
    TestUser user = signup("buyer");
    String paymentIntent = "pi_" + UUID.randomUUID();
    String payload = checkoutCompleted(user.id(), 100, paymentIntent);

    for (int i = 0; i < 5; i++) {
      assertThat(deliver(payload, sign(payload)).status()).isEqualTo(200);
    }
    // The same payment in a differently-worded event changes nothing either.
    String again = checkoutCompleted(user.id(), 100, paymentIntent);
    assertThat(deliver(again, sign(again)).status()).isEqualTo(200);

    assertThat(credits(user.id())).isEqualTo(115).isEqualTo(ledgerSum(user.id()));
    assertThat(purchaseRows(user.id())).isEqualTo(1);
    assertThat(
            jdbc.sql(
                    "SELECT stripe_payment_id FROM credit_transactions"
                        + " WHERE user_id = :id AND type = 'purchase'")
                .param("id", user.id())
                .query(String.class)
                .single())
        .isEqualTo(paymentIntent);
  }

  @Test
  void aTamperedOrUnsignedEventIsRefusedAndWritesNothing() {
    TestUser user = signup("tampered");
    String payload = checkoutCompleted(user.id(), 100, "pi_" + UUID.randomUUID());
    String signature = sign(payload);
    String tampered = payload.replace("\"100\"", "\"100000\"");

    assertThat(deliver(tampered, signature).status()).isEqualTo(400);
    assertThat(deliver(payload, null).status()).isEqualTo(400);
    assertThat(deliver(payload, "t=1,v1=deadbeef").status()).isEqualTo(400);
    assertThat(credits(user.id())).isEqualTo(15);
    assertThat(purchaseRows(user.id())).isZero();
  }

  @Test
  void anUnpaidSessionCreditsNothing() {
    TestUser user = signup("unpaid");
    String payload =
        checkoutCompleted(user.id(), 50, "pi_" + UUID.randomUUID())
            .replace("\"payment_status\": \"paid\"", "\"payment_status\": \"unpaid\"");

    assertThat(deliver(payload, sign(payload)).status()).isEqualTo(200);
    assertThat(credits(user.id())).isEqualTo(15);
  }

  @Test
  void aRefundTakesBackTheCreditsOnceAndNeverBelowZero() {
    TestUser user = signup("refunded");
    String paymentIntent = "pi_" + UUID.randomUUID();
    String purchase = checkoutCompleted(user.id(), 100, paymentIntent);
    deliver(purchase, sign(purchase));

    String half = chargeRefunded(paymentIntent, 1000, 500);
    for (int i = 0; i < 3; i++) {
      assertThat(deliver(half, sign(half)).status()).isEqualTo(200);
    }
    assertThat(credits(user.id())).isEqualTo(65);

    // The user spends most of what is left, then the rest of the payment is refunded.
    jdbc.sql(
            "INSERT INTO credit_transactions (user_id, type, amount, balance_after, description)"
                + " VALUES (:id, 'usage', -60, 5, 'calls')")
        .param("id", user.id())
        .update();
    jdbc.sql("UPDATE users SET credits = 5 WHERE id = :id").param("id", user.id()).update();
    String full = chargeRefunded(paymentIntent, 1000, 1000);
    deliver(full, sign(full));
    deliver(full, sign(full));

    assertThat(credits(user.id())).isZero().isEqualTo(ledgerSum(user.id()));
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM credit_transactions"
                        + " WHERE user_id = :id AND type = 'refund'")
                .param("id", user.id())
                .query(Integer.class)
                .single())
        .isEqualTo(2);
    assertThat(
            jdbc.sql("SELECT min(balance_after) FROM credit_transactions WHERE user_id = :id")
                .param("id", user.id())
                .query(Integer.class)
                .single())
        .isGreaterThanOrEqualTo(0);
  }

  @Test
  void concurrentPartialRefundsNeverTakeBackMoreThanTheLargestRefund() throws Exception {
    TestUser user = signup("refund-race");
    String paymentIntent = "pi_" + UUID.randomUUID();
    String purchase = checkoutCompleted(user.id(), 100, paymentIntent);
    assertThat(deliver(purchase, sign(purchase)).status()).isEqualTo(200);
    // Stripe reports refunds cumulatively: 10 %, 20 %, ... 80 % of the 1,000 cents paid.
    List<String> refunds = new ArrayList<>();
    for (int share = 1; share <= 8; share++) {
      refunds.add(chargeRefunded(paymentIntent, 1000, share * 100L));
    }
    // A thread per delivery, none kept once it answered.
    SimpleAsyncTaskExecutor senders = new SimpleAsyncTaskExecutor("refund-");
    List<Future<Answer>> answers = new ArrayList<>();
    for (String refund : refunds) {
      answers.add(senders.submit(() -> deliver(refund, sign(refund))));
    }
    for (Future<Answer> answer : answers) {
      assertThat(answer.get().status()).isEqualTo(200);
    }

    assertThat(
            jdbc.sql(
                    "SELECT -SUM(amount) FROM credit_transactions"
                        + " WHERE user_id = :id AND type = 'refund'")
                .param("id", user.id())
                .query(Integer.class)
                .single())
        .isEqualTo(80);
    assertThat(credits(user.id())).isEqualTo(35).isEqualTo(ledgerSum(user.id()));
  }

  @Test
  void otherEventTypesAreAcknowledgedAndIgnored() {
    String payload =
        "{\"id\": \"evt_1\", \"type\": \"customer.created\", \"data\": {\"object\": {}}}";

    var answer = deliver(payload, sign(payload));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("result").asText()).isEqualTo("ignored");
  }

  @Test
  void checkoutWithoutAStripeKeyIsAClearServiceUnavailableProblem() {
    TestUser user = signup("nokey");

    var answer = api.post("/api/credits/checkout", user.token(), Map.of("credits", 100));
    var invalid = api.post("/api/credits/checkout", user.token(), Map.of("credits", 0));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.json().path("detail").asText()).contains("OUTDIAL_STRIPE_SECRET_KEY");
    assertThat(invalid.status()).isEqualTo(400);
  }

  @Test
  void creditsShowTheBalanceAndOnlyTheCallersOwnLedger() {
    TestUser buyer = signup("statement");
    TestUser other = signup("stranger");
    String payload = checkoutCompleted(buyer.id(), 40, "pi_" + UUID.randomUUID());
    deliver(payload, sign(payload));

    var mine = api.get("/api/credits", buyer.token());
    var theirs = api.get("/api/credits", other.token());

    assertThat(mine.json().path("credits").asInt()).isEqualTo(55);
    assertThat(mine.json().path("transactions").size()).isEqualTo(2);
    assertThat(mine.json().path("transactions").get(0).path("type").asText()).isEqualTo("purchase");
    assertThat(theirs.json().path("credits").asInt()).isEqualTo(15);
    assertThat(theirs.json().path("transactions").size()).isEqualTo(1);
  }
}
