package dev.outdial.app.user;

import dev.outdial.app.web.MaxUtf8Bytes;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * The {@code user} and {@code token} of a password-reset link with the new password, under the
 * rules of sign-up.
 */
public record NewPasswordRequest(
    @NotNull UUID userId,
    @NotBlank @Size(max = 200) String token,
    @NotBlank
        @Size(min = 8, max = 72, message = "must be 8 to 72 characters")
        @MaxUtf8Bytes(
            value = 72,
            message = "must be at most 72 bytes in UTF-8 (fewer characters with accents or emoji)")
        String password) {}
