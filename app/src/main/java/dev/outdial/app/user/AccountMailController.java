package dev.outdial.app.user;

import dev.outdial.app.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Verifying an address and resetting a password, by the links we mail. */
@RestController
@RequestMapping("/api/auth")
class AccountMailController {

  private final EmailVerificationService verification;
  private final PasswordResetService passwordReset;

  AccountMailController(EmailVerificationService verification, PasswordResetService passwordReset) {
    this.verification = verification;
    this.passwordReset = passwordReset;
  }

  /** Sends the caller's verification mail again. */
  @PostMapping("/verification")
  @ResponseStatus(HttpStatus.ACCEPTED)
  VerificationMailView resendVerification(@AuthenticationPrincipal CurrentUser caller) {
    return verification.resend(caller);
  }

  /** Verifies an address with the {@code user} and {@code token} of its link. */
  @PostMapping("/verification/confirm")
  EmailVerifiedView confirmVerification(@Valid @RequestBody ConfirmEmailRequest request) {
    return verification.confirm(request.userId(), request.token());
  }

  /** Mails a link that sets a new password, if an account has the address; says the same if not. */
  @PostMapping("/password-reset")
  @ResponseStatus(HttpStatus.ACCEPTED)
  void requestPasswordReset(
      @Valid @RequestBody PasswordResetRequest request, HttpServletRequest http) {
    passwordReset.request(request, http.getRemoteAddr());
  }

  /** Sets a new password with the {@code user} and {@code token} of a reset link. */
  @PostMapping("/password-reset/confirm")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void resetPassword(@Valid @RequestBody NewPasswordRequest request) {
    passwordReset.reset(request);
  }
}
