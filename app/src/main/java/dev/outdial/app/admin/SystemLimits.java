package dev.outdial.app.admin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The platform-wide limit of calls in progress at once. */
public record SystemLimits(@NotNull @Min(1) @Max(1000) Integer systemConcurrentCallsLimit) {}
