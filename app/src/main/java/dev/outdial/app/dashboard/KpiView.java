package dev.outdial.app.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's row of {@code user_kpi}, every seed column.
 *
 * @param lastUpdated when the view was last refreshed; null for a user it does not hold yet
 */
public record KpiView(
    UUID userId,
    long totalCalls,
    long completedCalls,
    long failedCalls,
    long totalCreditsUsed,
    long totalAgents,
    long totalContacts,
    BigDecimal avgCallDurationSeconds,
    BigDecimal successRate,
    Instant lastCallAt,
    Instant lastUpdated) {

  static KpiView empty(UUID userId) {
    return new KpiView(userId, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, null, null);
  }
}
