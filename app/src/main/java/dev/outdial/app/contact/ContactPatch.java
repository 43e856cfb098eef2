package dev.outdial.app.contact;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Changes to a contact; absent fields stay as they are, an empty string clears an optional one. */
public record ContactPatch(
    @Size(min = 1, max = 255) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        String name,
    @Size(min = 1, max = 50) String phoneNumber,
    @Email @Size(max = 255) String email,
    @Size(max = 255) String company,
    @Size(max = 10_000) String notes,
    Boolean isCustomer,
    Boolean doNotCall,
    Map<String, Object> userData,
    @Size(min = 2, max = 2) String defaultRegion) {}
