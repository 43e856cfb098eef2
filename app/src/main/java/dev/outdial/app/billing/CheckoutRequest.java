package dev.outdial.app.billing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

public record CheckoutRequest(@NotNull @Min(1) @Max(100_000) Integer credits) {}
