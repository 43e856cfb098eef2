package dev.outdial.app.user;

import dev.outdial.app.web.MaxUtf8Bytes;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record SignupRequest(
    @NotBlank @Email @Size(max = 255) String email,
    @NotBlank @Size(max = 255) String name,
    @NotBlank
        @Size(min = 8, max = 72, message = "must be 8 to 72 characters")
        @MaxUtf8Bytes(
            value = 72,
            message = "must be at most 72 bytes in UTF-8 (fewer characters with accents or emoji)")
        String password) {

  /** Pasted addresses often carry spaces; they are not part of the address. */
  public SignupRequest {
    email = email == null ? null : email.strip();
  }
}
