package dev.outdial.app.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Pattern;

/**
 * Quiet hours in each recipient's local time: {@code {start: "21:00", end: "08:00"}}, or {@code
 * {enabled: false}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuietHoursView(
    Boolean enabled,
    @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "must be HH:mm") String start,
    @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "must be HH:mm") String end) {}
