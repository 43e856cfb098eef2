package dev.outdial.app.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record SignupRequest(
    @NotBlank @Email @Size(max = 255) String email,
    @NotBlank @Size(max = 255) String name,
    @NotBlank @Size(min = 8, max = 72, message = "must be 8 to 72 characters") String password) {

  /** Pasted addresses often carry spaces; they are not part of the address. */
  public SignupRequest {
    email = email == null ? null : email.strip();
  }
}
