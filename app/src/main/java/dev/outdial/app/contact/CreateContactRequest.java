package dev.outdial.app.contact;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A new contact. The number may be written any common way; without a country code it is read in
 * {@code default_region}.
 */
public record CreateContactRequest(
    @NotBlank @Size(max = 255) String name,
    @NotBlank @Size(max = 50) String phoneNumber,
    @Email @Size(max = 255) String email,
    @Size(max = 255) String company,
    @Size(max = 10_000) String notes,
    Boolean isCustomer,
    Map<String, Object> userData,
    @Size(min = 2, max = 2) String defaultRegion) {}
