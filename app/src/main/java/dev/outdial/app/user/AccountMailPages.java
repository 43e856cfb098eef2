package dev.outdial.app.user;

import dev.outdial.app.console.ConsoleController;
import dev.outdial.app.console.FormProblem;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's side of the mailed links: the page a verification link opens, the banner's "send it
 * again", and the pages that ask for a reset link and set the new password.
 */
@ConsoleController
class AccountMailPages {

  private final EmailVerificationService verification;
  private final PasswordResetService passwordReset;
  private final UserService users;

  AccountMailPages(
      EmailVerificationService verification,
      PasswordResetService passwordReset,
      UserService users) {
    this.verification = verification;
    this.passwordReset = passwordReset;
    this.users = users;
  }

  /**
   * Opening the link verifies the address. A mail scanner that opens it first only proves what the
   * link proves: that the mail reached the address.
   */
  @GetMapping("/verify-email")
  String verifyEmail(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(name = "user", required = false) String user,
      @RequestParam(name = "token", required = false) String token,
      Model model,
      HttpServletResponse response) {
    try {
      EmailVerifiedView verified = verification.confirm(parseId(user), token);
      model.addAttribute("verifiedEmail", verified.email());
      if (caller != null) {
        // The header was read before the address was verified: no banner any more.
        model.addAttribute("account", users.me(caller));
      }
    } catch (ApiException e) {
      model.addAttribute("problem", FormProblem.answering(e, response));
    }
    return "account/verify-email";
  }

  /** The banner's button: a new mail, and the banner again saying so (or why not). */
  @PostMapping("/verification/resend")
  String resendVerification(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model,
      HttpServletResponse response) {
    try {
      VerificationMailView sent = verification.resend(caller);
      model.addAttribute("resentTo", sent.email());
    } catch (ApiException e) {
      FormProblem.answering(e, response);
      model.addAttribute("resendProblem", e.getMessage());
    }
    // htmx swaps only 2xx answers by default; the banner says what happened either way.
    if (htmx != null) {
      response.setStatus(HttpServletResponse.SC_OK);
    }
    return "account/verify-banner :: banner";
  }

  @GetMapping("/forgot-password")
  String forgotPasswordForm(Model model) {
    model.addAttribute("form", new PasswordResetRequest(""));
    return "account/forgot-password";
  }

  @PostMapping("/forgot-password")
  String forgotPassword(
      @Valid @ModelAttribute("form") PasswordResetRequest form,
      BindingResult binding,
      Model model,
      HttpServletRequest request,
      HttpServletResponse response) {
    if (binding.hasErrors()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("problem", FormProblem.of(binding));
      return "account/forgot-password";
    }
    try {
      passwordReset.request(form, request.getRemoteAddr());
    } catch (ApiException e) {
      model.addAttribute("problem", FormProblem.answering(e, response));
      return "account/forgot-password";
    }
    model.addAttribute("requestedFor", form.email());
    return "account/forgot-password";
  }

  /** The form a reset link opens; the token is used only when the new password is sent. */
  @GetMapping("/reset-password")
  String resetPasswordForm(
      @RequestParam(name = "user", required = false) String user,
      @RequestParam(name = "token", required = false) String token,
      Model model) {
    model.addAttribute("form", new NewPasswordRequest(parseOrNull(user), token, ""));
    return "account/reset-password";
  }

  @PostMapping("/reset-password")
  String resetPassword(
      @Valid @ModelAttribute("form") NewPasswordRequest form,
      BindingResult binding,
      Model model,
      HttpServletResponse response) {
    if (binding.hasErrors()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("problem", FormProblem.of(binding));
      return "account/reset-password";
    }
    try {
      passwordReset.reset(form);
    } catch (ApiException e) {
      model.addAttribute("problem", FormProblem.answering(e, response));
      return "account/reset-password";
    }
    return "redirect:/login?password-reset";
  }

  private static UUID parseId(String id) {
    UUID parsed = parseOrNull(id);
    if (parsed == null) {
      throw EmailVerificationService.invalidLink();
    }
    return parsed;
  }

  private static UUID parseOrNull(String id) {
    try {
      return id == null ? null : UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
