package dev.outdial.app.billing;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.PageRequest;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/credits")
class CreditsController {

  private final CreditsService credits;

  CreditsController(CreditsService credits) {
    this.credits = credits;
  }

  @GetMapping
  CreditsView credits(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return credits.credits(caller, PageRequest.of(limit, cursor));
  }

  @PostMapping("/checkout")
  CheckoutView checkout(
      @AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody CheckoutRequest request) {
    return credits.checkout(caller, request.credits());
  }
}
