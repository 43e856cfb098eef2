package dev.outdial.app.system;

import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The platform-wide limit of calls in progress (1–1000, default 10), kept in one place, {@code
 * system_config}, and read by the dispatcher at every allocation.
 */
@Service
public class PlatformLimits {

  public static final String SYSTEM_CONCURRENT_CALLS_LIMIT = "system_concurrent_calls_limit";
  public static final int DEFAULT_SYSTEM_CONCURRENT_CALLS_LIMIT = 10;

  private final SystemConfigRepository config;

  public PlatformLimits(SystemConfigRepository config) {
    this.config = config;
  }

  @Transactional(readOnly = true)
  public int systemConcurrentCallsLimit() {
    return config
        .find(SYSTEM_CONCURRENT_CALLS_LIMIT)
        .map(Integer::parseInt)
        .orElse(DEFAULT_SYSTEM_CONCURRENT_CALLS_LIMIT);
  }

  @Transactional
  public int setSystemConcurrentCallsLimit(int limit, UUID changedBy) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("system_concurrent_calls_limit must be 1 to 1000");
    }
    config.put(SYSTEM_CONCURRENT_CALLS_LIMIT, Integer.toString(limit), changedBy);
    return limit;
  }
}
