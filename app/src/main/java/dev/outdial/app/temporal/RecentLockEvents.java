package dev.outdial.app.temporal;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.util.Iterator;
import java.util.LinkedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java test server's journal of time-skipping lock events, kept to its most recent {@link
 * #KEPT} events.
 *
 * <p>The test server (temporal-test-server 1.38) appends an event to one {@code LinkedList} each
 * time an activity, a timer or a child is scheduled or done, and never removes those; every
 * workflow update then removes its own event by a linear search from the oldest. Left alone, the
 * list grows by every call the platform ever placed: memory leaks, and each update costs more than
 * the last (13 % of the app's CPU after 1,000 calls). The journal is read only for the server's
 * diagnostics; its lock counting is a separate counter, untouched here.
 */
final class RecentLockEvents extends LinkedList<Object> {

  static final int KEPT = 1_000;

  private static final Logger log = LoggerFactory.getLogger(RecentLockEvents.class);

  /**
   * Puts a bounded journal into {@code services}' timer. Must run before the server takes requests,
   * so every thread that serves one sees it. When the server's internals have changed, the server
   * still runs, with its own journal, and the log says so.
   */
  static void installIn(TestServicesStarter services) {
    try {
      Object timer = field(TestServicesStarter.class, "selfAdvancingTimer").get(services);
      Field journal = field(timer.getClass(), "lockEvents");
      RecentLockEvents bounded = new RecentLockEvents();
      bounded.addAll((LinkedList<?>) journal.get(timer));
      journal.set(timer, bounded);
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn(
          "The embedded Temporal test server's lock journal could not be bounded ({}): it grows"
              + " with every call for as long as the app runs",
          e.toString());
    }
  }

  /** The journal in {@code services}' timer, for tests. */
  static LinkedList<?> journalOf(TestServicesStarter services) throws ReflectiveOperationException {
    Object timer = field(TestServicesStarter.class, "selfAdvancingTimer").get(services);
    return (LinkedList<?>) field(timer.getClass(), "lockEvents").get(timer);
  }

  private static Field field(Class<?> type, String name) throws ReflectiveOperationException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }

  @Override
  public boolean add(Object event) {
    super.add(event);
    if (size() > KEPT) {
      removeFirst();
    }
    return true;
  }

  /**
   * Removes {@code event}, searching from the newest: the events removed are those of updates in
   * progress, which are among the last added.
   *
   * @return true even for an event already dropped as old: it was balanced when it was added
   */
  @Override
  public boolean remove(Object event) {
    Iterator<Object> newestFirst = descendingIterator();
    while (newestFirst.hasNext()) {
      if (newestFirst.next() == event) {
        newestFirst.remove();
        break;
      }
    }
    return true;
  }
}
