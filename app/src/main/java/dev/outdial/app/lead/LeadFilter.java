package dev.outdial.app.lead;

/**
 * Filters of the lead list and its export; null means any.
 *
 * @param minScore the lowest {@code total_score} shown
 * @param statusTag {@code Hot}, {@code Warm} or {@code Cold}
 * @param isRead whether the lead was marked read
 */
public record LeadFilter(Integer minScore, String statusTag, Boolean isRead) {}
