package dev.outdial.app.contact;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A number never to be dialed.
 *
 * @param defaultRegion for a number written without its country code
 */
public record AddDoNotCallRequest(
    @NotBlank @Size(max = 50) String phoneNumber,
    @Size(max = 1000) String reason,
    @Size(min = 2, max = 2) String defaultRegion) {}
