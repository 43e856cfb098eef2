package dev.outdial.app.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Asks for a mail with a link that sets a new password. */
public record PasswordResetRequest(@NotBlank @Email @Size(max = 255) String email) {

  public PasswordResetRequest {
    email = email == null ? null : email.strip();
  }
}
