package dev.outdial.app.metrics;

import dev.outdial.activities.dispatch.CallSlots;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The platform's state as gauges: campaigns by status, and the platform's call slots (its limit,
 * those held, those free). Read from Postgres every few seconds rather than at each scrape, so a
 * busy Prometheus costs the database nothing more.
 */
@Component
public class PlatformGauges {

  private static final Logger log = LoggerFactory.getLogger(PlatformGauges.class);

  static final List<String> CAMPAIGN_STATUSES =
      List.of("draft", "scheduled", "active", "paused", "completed", "cancelled");

  private final JdbcClient jdbc;
  private final CallSlots slots;
  private final Map<String, AtomicLong> campaigns = new ConcurrentHashMap<>();
  private final AtomicLong slotLimit = new AtomicLong();
  private final AtomicLong slotsHeld = new AtomicLong();

  public PlatformGauges(JdbcClient jdbc, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.slots = new CallSlots(jdbc);
    for (String status : CAMPAIGN_STATUSES) {
      AtomicLong count = new AtomicLong();
      campaigns.put(status, count);
      Gauge.builder("outdial.campaigns", count, AtomicLong::get)
          .description("Campaigns by status")
          .tag("status", status)
          .register(registry);
    }
    Gauge.builder("outdial.slots.limit", slotLimit, AtomicLong::get)
        .description("Calls the platform may have in progress at once")
        .tag("limit", "platform")
        .register(registry);
    Gauge.builder("outdial.slots.held", slotsHeld, AtomicLong::get)
        .description("Call slots held by calls being placed or in progress")
        .tag("limit", "platform")
        .register(registry);
    Gauge.builder(
            "outdial.slots.free", this, gauges -> Math.max(0, slotLimit.get() - slotsHeld.get()))
        .description("Call slots free for the next dials")
        .tag("limit", "platform")
        .register(registry);
  }

  @Scheduled(initialDelayString = "1s", fixedDelayString = "${outdial.metrics.refresh-interval:5s}")
  public void refresh() {
    try {
      Map<String, Long> counts = new HashMap<>();
      jdbc.sql("SELECT status, count(*) AS n FROM call_campaigns GROUP BY status")
          .query((rs, i) -> counts.put(rs.getString("status"), rs.getLong("n")))
          .list();
      campaigns.forEach((status, count) -> count.set(counts.getOrDefault(status, 0L)));
      slotLimit.set(slots.platformLimit());
      slotsHeld.set(slots.active(null));
    } catch (RuntimeException e) {
      // The gauges keep their last values; the next refresh tries again.
      log.warn("Platform gauges not refreshed: {}", e.getMessage());
    }
  }
}
