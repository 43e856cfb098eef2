package dev.outdial.app.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.outdial.activities.billing.CreditLedger;
import dev.outdial.activities.billing.CreditType;
import dev.outdial.activities.billing.LedgerEntry;
import dev.outdial.activities.billing.LedgerResult;
import dev.outdial.activities.billing.UnknownUserException;
import dev.outdial.app.campaign.CampaignWorkflows;
import dev.outdial.app.web.ApiException;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns Stripe's events into ledger rows, each exactly once however often Stripe repeats it. The
 * event JSON is read directly rather than through stripe-java's typed models, so events of any
 * {@code api_version} are understood.
 */
@Service
public class StripeWebhookService {

  private static final Logger log = LoggerFactory.getLogger(StripeWebhookService.class);

  private final StripeProperties stripe;
  private final CreditLedger ledger;
  private final CreditTransactionRepository transactions;
  private final ObjectMapper json;
  private final CampaignWorkflows campaigns;

  public StripeWebhookService(
      StripeProperties stripe,
      CreditLedger ledger,
      CreditTransactionRepository transactions,
      ObjectMapper json,
      CampaignWorkflows campaigns) {
    this.campaigns = campaigns;
    this.stripe = stripe;
    this.ledger = ledger;
    this.transactions = transactions;
    this.json = json;
  }

  /** What was done with an event, for the answer to Stripe and for the log. */
  public record Outcome(String eventId, String type, String result) {}

  @Transactional
  public Outcome handle(String payload, String signatureHeader) {
    if (!stripe.webhookConfigured()) {
      throw ApiException.unavailable(
          "Stripe webhooks are not set up on this platform (OUTDIAL_STRIPE_WEBHOOK_SECRET is missing)");
    }
    if (signatureHeader == null || signatureHeader.isBlank()) {
      throw ApiException.badRequest("The Stripe-Signature header is missing");
    }
    try {
      Webhook.Signature.verifyHeader(
          payload, signatureHeader, stripe.webhookSecret(), stripe.signatureToleranceSeconds());
    } catch (SignatureVerificationException e) {
      log.warn("Refused a Stripe webhook: {}", e.getMessage());
      throw ApiException.badRequest("The Stripe-Signature does not match: " + e.getMessage());
    }
    JsonNode event;
    try {
      event = json.readTree(payload);
    } catch (IOException e) {
      throw ApiException.badRequest("The event is not JSON");
    }
    String eventId = event.path("id").asText();
    String type = event.path("type").asText();
    JsonNode object = event.path("data").path("object");
    String result =
        switch (type) {
          case "checkout.session.completed", "checkout.session.async_payment_succeeded" ->
              purchase(object);
          case "charge.refunded" -> refund(object);
          default -> "ignored";
        };
    log.info("Stripe event {} ({}): {}", eventId, type, result);
    return new Outcome(eventId, type, result);
  }

  private String purchase(JsonNode session) {
    if (!"paid".equals(session.path("payment_status").asText())) {
      return "not paid yet (" + session.path("payment_status").asText() + ")";
    }
    UUID userId;
    int credits;
    try {
      userId = UUID.fromString(session.path("client_reference_id").asText());
      credits = Integer.parseInt(session.path("metadata").path("credits").asText());
    } catch (IllegalArgumentException e) {
      log.error(
          "Stripe session {} names no user or credits: {}", session.path("id"), e.getMessage());
      return "ignored: no client_reference_id user or metadata.credits";
    }
    if (credits <= 0) {
      return "ignored: metadata.credits is not positive";
    }
    String paymentId = textOrNull(session.path("payment_intent"));
    if (paymentId == null) {
      paymentId = session.path("id").asText();
    }
    LedgerEntry entry =
        LedgerEntry.of(userId, CreditType.PURCHASE, credits, "Bought " + credits + " credits")
            .withStripePaymentId(paymentId)
            .withIdempotencyKey("stripe-purchase:" + paymentId);
    try {
      LedgerResult result = ledger.apply(entry);
      if (result.duplicate()) {
        return "already credited";
      }
      campaigns.creditsArrived(userId);
      return "credited " + credits;
    } catch (UnknownUserException e) {
      log.error("Stripe payment {} is for unknown user {}", paymentId, userId);
      return "ignored: unknown user";
    }
  }

  private String refund(JsonNode charge) {
    String paymentId = textOrNull(charge.path("payment_intent"));
    if (paymentId == null) {
      return "ignored: the charge has no payment_intent";
    }
    // Concurrent partial refunds of one payment must not both see nothing refunded yet.
    transactions.lockPurchase(paymentId);
    var payment = transactions.findPayment(paymentId);
    if (payment.isEmpty()) {
      return "ignored: no purchase with payment " + paymentId;
    }
    long amount = charge.path("amount").asLong();
    long amountRefunded = charge.path("amount_refunded").asLong();
    if (amount <= 0 || amountRefunded <= 0) {
      return "ignored: nothing refunded";
    }
    int purchased = payment.get().purchased();
    // Refunds may be partial; take back the share of credits the refunded money paid for.
    int refundedCreditsTarget = (int) Math.min(purchased, purchased * amountRefunded / amount);
    int toTake = refundedCreditsTarget - payment.get().refunded();
    if (toTake <= 0) {
      return "already refunded";
    }
    LedgerEntry entry =
        LedgerEntry.of(
                payment.get().userId(),
                CreditType.REFUND,
                -toTake,
                "Refund of payment " + paymentId)
            .withStripePaymentId(paymentId)
            .withIdempotencyKey("stripe-refund:" + paymentId + ":" + amountRefunded);
    LedgerResult result = ledger.applyClamped(entry);
    if (result.duplicate()) {
      return "already refunded";
    }
    int shortfall = result.shortfall(entry);
    return shortfall == 0
        ? "refunded " + toTake
        : "refunded " + -result.applied() + " (" + shortfall + " credits were already spent)";
  }

  private static String textOrNull(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }
}
