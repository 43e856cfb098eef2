package dev.outdial.activities.bolna;

import java.time.Instant;

/**
 * A page of an agent's executions: {@code GET /v2/agent/{id}/executions}.
 *
 * @param pageNumber from 1
 * @param pageSize at most 50
 * @param status only executions in this status, or null
 * @param callType inbound or outbound, or null
 * @param from only executions created at or after, or null
 * @param to only executions created before, or null
 */
public record ExecutionQuery(
    int pageNumber, int pageSize, String status, String callType, Instant from, Instant to) {

  public static final int MAX_PAGE_SIZE = 50;

  public ExecutionQuery {
    if (pageNumber < 1) {
      throw new IllegalArgumentException("page_number starts at 1");
    }
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("page_size must be 1 to " + MAX_PAGE_SIZE);
    }
  }

  public static ExecutionQuery page(int pageNumber) {
    return new ExecutionQuery(pageNumber, MAX_PAGE_SIZE, null, null, null, null);
  }
}
