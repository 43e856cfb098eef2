package dev.outdial.app.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Credits an administrator adds (positive) or takes (negative), and why. */
public record CreditAdjustmentRequest(
    @NotNull Integer amount, @NotBlank @Size(max = 1000) String description) {}
