package dev.outdial.app.admin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/** What an administrator may change of a user; absent fields stay as they are. */
public record AdminUserPatch(
    Boolean isActive,
    @Pattern(regexp = "user|admin|super_admin", message = "must be user, admin or super_admin")
        String role,
    @Min(1) @Max(100) Integer concurrentCallsLimit) {}
