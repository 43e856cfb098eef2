package dev.outdial.app.user;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The profile fields a user may change; absent fields stay as they are, an empty string clears an
 * optional one.
 */
public record ProfilePatch(
    @Size(min = 1, max = 255) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        String name,
    @Size(max = 255) String company,
    @Size(max = 255) String website,
    @Size(max = 255) String location,
    @Size(max = 5000) String bio,
    @Size(max = 50) String phone) {}
