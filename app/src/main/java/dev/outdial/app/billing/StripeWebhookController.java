package dev.outdial.app.billing;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Stripe's events; authenticated by the {@code Stripe-Signature} header, not a bearer token. */
@RestController
class StripeWebhookController {

  private final StripeWebhookService webhooks;

  StripeWebhookController(StripeWebhookService webhooks) {
    this.webhooks = webhooks;
  }

  @PostMapping(path = "/webhooks/stripe")
  StripeWebhookService.Outcome receive(
      @RequestBody String payload,
      @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
    return webhooks.handle(payload, signature);
  }
}
