package dev.outdial.activities.testing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What the platform's meters record while it is open: a registry joined to Micrometer's global one,
 * as the app's Prometheus registry is. Counts start at zero whatever ran before.
 */
public final class RecordedMeters implements AutoCloseable {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  public RecordedMeters() {
    Metrics.addRegistry(registry);
  }

  /** The count of the counter with this name and these tag key/value pairs; 0 when absent. */
  public double count(String name, String... tags) {
    Counter counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  /** The sum over every counter with this name, whatever its tags. */
  public double total(String name) {
    return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }

  /** How many times the timer with this name recorded. */
  public long timings(String name) {
    Timer timer = registry.find(name).timer();
    return timer == null ? 0 : timer.count();
  }

  @Override
  public void close() {
    Metrics.removeRegistry(registry);
    registry.close();
  }
}
