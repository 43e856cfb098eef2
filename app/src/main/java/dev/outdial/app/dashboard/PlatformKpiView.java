package dev.outdial.app.dashboard;

import java.math.BigDecimal;
import java.time.Instant;

/** The whole platform's KPIs, summed over every user's {@code user_kpi} row. */
public record PlatformKpiView(
    long totalUsers,
    long totalCalls,
    long completedCalls,
    long failedCalls,
    long totalCreditsUsed,
    long totalAgents,
    long totalContacts,
    BigDecimal avgCallDurationSeconds,
    BigDecimal successRate,
    Instant lastCallAt,
    Instant lastUpdated) {}
