package dev.outdial.app.billing;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import dev.outdial.activities.billing.CreditLedger;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.Cursor;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The caller's balance and statement, and buying credits through Stripe Checkout. */
@Service
public class CreditsService {

  private static final Logger log = LoggerFactory.getLogger(CreditsService.class);

  private final CreditLedger ledger;
  private final CreditTransactionRepository transactions;
  private final StripeProperties stripe;

  public CreditsService(
      CreditLedger ledger, CreditTransactionRepository transactions, StripeProperties stripe) {
    this.ledger = ledger;
    this.transactions = transactions;
    this.stripe = stripe;
  }

  @Transactional(readOnly = true)
  public CreditsView credits(CurrentUser caller, PageRequest page) {
    int balance =
        ledger.balance(caller.id()).orElseThrow(() -> ApiException.notFound("Your account"));
    var rows =
        page.cursor() == null
            ? transactions.findPage(caller.id(), null, null, page.fetchSize())
            : transactions.findPage(
                caller.id(), page.cursor().at(), page.cursor().id(), page.fetchSize());
    Page<CreditTransactionView> result =
        Cursor.page(rows, page, row -> new Cursor(row.createdAt(), row.id()));
    return new CreditsView(balance, result.items(), result.nextCursor());
  }

  /**
   * Opens a Stripe Checkout session for the credits. The credits arrive only with Stripe's {@code
   * checkout.session.completed} webhook, never from this call.
   */
  public CheckoutView checkout(CurrentUser caller, int credits) {
    if (!stripe.checkoutConfigured()) {
      throw ApiException.unavailable(
          "Buying credits is not set up on this platform (OUTDIAL_STRIPE_SECRET_KEY is missing)");
    }
    StripeClient client =
        StripeClient.builder().setApiKey(stripe.secretKey()).setApiBase(stripe.apiBase()).build();
    SessionCreateParams params =
        SessionCreateParams.builder()
            .setMode(SessionCreateParams.Mode.PAYMENT)
            .setClientReferenceId(caller.id().toString())
            .setCustomerEmail(caller.email())
            .putMetadata("credits", Integer.toString(credits))
            .putMetadata("user_id", caller.id().toString())
            .setSuccessUrl(stripe.successUrl())
            .setCancelUrl(stripe.cancelUrl())
            .addLineItem(
                SessionCreateParams.LineItem.builder()
                    .setQuantity((long) credits)
                    .setPriceData(
                        SessionCreateParams.LineItem.PriceData.builder()
                            .setCurrency(stripe.currency())
                            .setUnitAmount(stripe.pricePerCreditCents())
                            .setProductData(
                                SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                    .setName("Outdial calling credit")
                                    .build())
                            .build())
                    .build())
            .build();
    try {
      Session session = client.v1().checkout().sessions().create(params);
      log.info(
          "Checkout session {} for {} credits of user {}", session.getId(), credits, caller.id());
      return new CheckoutView(session.getUrl(), session.getId());
    } catch (StripeException e) {
      log.warn("Stripe refused a checkout session for user {}: {}", caller.id(), e.getMessage());
      throw new ApiException(
          HttpStatus.BAD_GATEWAY, "Payment provider error", "Stripe answered: " + e.getMessage());
    }
  }
}
