package dev.outdial.app.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The {@code user} and {@code token} of a verification link. */
public record ConfirmEmailRequest(@NotNull UUID userId, @NotBlank @Size(max = 200) String token) {}
