package dev.outdial.app.dashboard;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** One agent's day of {@code agent_analytics}, with the agent's name. */
public record AgentDayView(
    UUID agentId,
    String agentName,
    LocalDate metricDate,
    int totalCalls,
    int successfulCalls,
    int failedCalls,
    BigDecimal avgDurationSeconds,
    int totalCreditsUsed,
    BigDecimal avgTotalScore,
    int ctaInteractionsTotal,
    int ctaInteractionsPositive,
    int ctaInteractionsNegative) {}
