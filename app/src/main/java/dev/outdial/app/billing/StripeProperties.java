package dev.outdial.app.billing;

import java.net.URI;
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
 * @param apiBase Stripe's API address. A test switch: anything but Stripe's own address must be
 *     this machine's loopback, so configuration alone can never send the secret key elsewhere
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

  /** The only API address the secret key may go to, besides a stand-in on this machine. */
  public static final String STRIPE_API = "https://api.stripe.com";

  public StripeProperties {
    if (!STRIPE_API.equals(apiBase) && !loopback(apiBase)) {
      throw new IllegalArgumentException(
          "outdial.stripe.api-base is "
              + apiBase
              + ": it may only be "
              + STRIPE_API
              + " or an address on this machine (a test stand-in), since the secret key is sent"
              + " there");
    }
  }

  private static boolean loopback(String address) {
    try {
      URI uri = URI.create(address);
      return "http".equals(uri.getScheme())
          && uri.getHost() != null
          && (uri.getHost().equals("127.0.0.1")
              || uri.getHost().equals("localhost")
              || uri.getHost().equals("[::1]"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public boolean checkoutConfigured() {
    return secretKey != null && !secretKey.isBlank();
  }

  public boolean webhookConfigured() {
    return webhookSecret != null && !webhookSecret.isBlank();
  }
}
