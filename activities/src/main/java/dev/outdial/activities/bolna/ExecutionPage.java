package dev.outdial.activities.bolna;

import java.util.List;

/** One page of an agent's executions. */
public record ExecutionPage(
    int pageNumber, int pageSize, int total, boolean hasMore, List<BolnaExecution> data) {}
