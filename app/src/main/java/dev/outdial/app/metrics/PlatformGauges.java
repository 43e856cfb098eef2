package dev.outdial.app.metrics;

import dev.outdial.activities.dispatch.CallSlots;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The platform's state as gauges: campaigns by status; the platform's call slots (its limit, those
 * held, those free) and the two limits it is the smaller of (the system-wide setting and the
 * provider's own); and how many users are held back by their own limit. Read from Postgres every
 * few seconds rather than at each scrape, so a busy Prometheus costs the database nothing more.
 */
@Component
public class PlatformGauges {

  private static final Logger log = LoggerFactory.getLogger(PlatformGauges.class);

  static final List<String> CAMPAIGN_STATUSES =
      List.of("draft", "scheduled", "active", "paused", "completed", "cancelled");

  private static final String SLOT_LIMIT_HELP =
      "Calls allowed in progress at once: platform is the smaller of system and provider";

  private final JdbcClient jdbc;
  private final CallSlots slots;
  private final Map<String, AtomicLong> campaigns = new ConcurrentHashMap<>();
  private final AtomicLong slotLimit = new AtomicLong();
  private final AtomicLong slotsHeld = new AtomicLong();
  private final AtomicLong systemLimit = new AtomicLong();
  private final AtomicReference<Double> providerLimit = new AtomicReference<>(Double.NaN);
  private final AtomicLong usersAtLimit = new AtomicLong();

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
        .description(SLOT_LIMIT_HELP)
        .tag("limit", "platform")
        .register(registry);
    Gauge.builder("outdial.slots.limit", systemLimit, AtomicLong::get)
        .description(SLOT_LIMIT_HELP)
        .tag("limit", "system")
        .register(registry);
    Gauge.builder("outdial.slots.limit", providerLimit, limit -> limit.get())
        .description(SLOT_LIMIT_HELP)
        .tag("limit", "provider")
        .register(registry);
    Gauge.builder("outdial.users.at.limit", usersAtLimit, AtomicLong::get)
        .description("Users whose calls in progress fill their own concurrency limit")
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
      CallSlots.Limits limits = slots.limits();
      slotLimit.set(limits.platform());
      slotsHeld.set(slots.active(null));
      systemLimit.set(limits.system());
      providerLimit.set(limits.provider().isPresent() ? limits.provider().getAsInt() : Double.NaN);
      usersAtLimit.set(slots.usersAtLimit());
    } catch (RuntimeException e) {
      // The gauges keep their last values; the next refresh tries again.
      log.warn("Platform gauges not refreshed: {}", e.getMessage());
    }
  }
}
