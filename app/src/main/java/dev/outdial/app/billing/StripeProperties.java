package dev.outdial.app.billing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Buying credits through Stripe Checkout.
 *
 * @param secretKey {@code OUTDIAL_STRIPE_SECRET_KEY}; empty: checkout answers 503
 * @param webhookSecret {@code OUTDIAL_STRIPE_WEBHOOK_SECRET}, verifies {@code Stripe-Signature}
 * @param pricePerCreditCents what one credit costs, in the currency's smallest unit
 * @param currency ISO currency code
 * @param successUrl where Stripe sends the buyer after paying
 * @param cancelUrl where Stripe sends the buyer after cancelling
 * @param apiBase Stripe's API address (changed only for tests)
 * @param signatureToleranceSeconds how old a signed webhook may be
 */
@ConfigurationProperties("outdial.stripe")
public record StripeProperties(
    @DefaultValue("") String secretKey,
    @DefaultValue("") String webhookSecret,
    @DefaultValue("10") long pricePerCreditCents,
    @DefaultValue("usd") String currency,
    @DefaultValue("http://localhost:8080/credits?checkout=success") String successUrl,
    @DefaultValue("http://localhost:8080/credits?checkout=cancelled") String cancelUrl,
    @DefaultValue("https://api.stripe.com") String apiBase,
    @DefaultValue("300") long signatureToleranceSeconds) {

  public boolean checkoutConfigured() {
    return secretKey != null && !secretKey.isBlank();
  }

  public boolean webhookConfigured() {
    return webhookSecret != null && !webhookSecret.isBlank();
  }
}
