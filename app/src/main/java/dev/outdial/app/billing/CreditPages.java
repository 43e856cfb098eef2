package dev.outdial.app.billing;

import dev.outdial.app.console.ConsoleController;
import dev.outdial.app.console.FormProblem;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.PageRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The balance, the ledger, and buying credits through Stripe Checkout when it is set up. */
@ConsoleController
class CreditPages {

  private final CreditsService credits;
  private final StripeProperties stripe;

  CreditPages(CreditsService credits, StripeProperties stripe) {
    this.credits = credits;
    this.stripe = stripe;
  }

  @GetMapping("/credits")
  String credits(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) String cursor,
      Model model) {
    model.addAttribute("credits", credits.credits(caller, PageRequest.of(null, cursor)));
    model.addAttribute("checkoutConfigured", stripe.checkoutConfigured());
    model.addAttribute("pricePerCredit", stripe.pricePerCreditCents() / 100.0);
    model.addAttribute("currency", stripe.currency().toUpperCase(java.util.Locale.ROOT));
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", new CheckoutRequest(100));
    }
    return "credits/credits";
  }

  /** Opens a Stripe Checkout session and sends the browser there; credits arrive by webhook. */
  @PostMapping("/credits/checkout")
  String checkout(
      @AuthenticationPrincipal CurrentUser caller,
      @Valid @ModelAttribute("form") CheckoutRequest form,
      BindingResult binding,
      Model model,
      HttpServletResponse response) {
    if (binding.hasErrors()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("problem", FormProblem.of(binding));
      return credits(caller, null, model);
    }
    try {
      return "redirect:" + credits.checkout(caller, form.credits()).checkoutUrl();
    } catch (ApiException e) {
      response.setStatus(e.status().value());
      model.addAttribute("problem", FormProblem.of(e));
      return credits(caller, null, model);
    }
  }
}
