package dev.outdial.app.temporal;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A retention period for the Java test server, which has none: it keeps every workflow it ever ran,
 * history and state, until the process ends (about 75 KB a call). Like a real Temporal namespace's
 * retention, a workflow closed for longer than the period is forgotten: its history, its state and
 * its search attributes. Running workflows, and the open run of a chain that continued as new, are
 * never touched. The platform starts workflows with ids that may be used again, so nothing relies
 * on a closed run being remembered.
 *
 * <p>The server (temporal-test-server 1.38) keeps these in private maps; they are reached by
 * reflection. When its internals have changed, nothing is forgotten and the log says so.
 */
final class ClosedWorkflowRetention {

  private static final Logger log = LoggerFactory.getLogger(ClosedWorkflowRetention.class);

  private final Duration period;
  private final Lock serviceLock;
  private final Map<?, ?> executions;
  private final Map<?, ?> executionsByWorkflowId;
  private final Map<?, ?> executionsByFirstRunId;
  private final Lock storeLock;
  private final Map<?, ?> histories;
  private final Map<?, ?> searchAttributes;
  private final Method isCompleted;
  private final Lock timerLock;
  private final Collection<?> timerTasks;
  private final Method isCanceled;
  private final Method taskInfo;
  private final Method executionTime;
  private final Method runnable;
  private final Map<Class<?>, List<Field>> capturedFields = new HashMap<>();

  /** When each closed execution was first seen closed. */
  private final Map<Object, Instant> closedSince = new HashMap<>();

  private ClosedWorkflowRetention(Duration period, TestServicesStarter services)
      throws ReflectiveOperationException {
    this.period = period;
    Object service = services.getWorkflowService();
    serviceLock = (Lock) read(service, "lock");
    executions = (Map<?, ?>) read(service, "executions");
    executionsByWorkflowId = (Map<?, ?>) read(service, "executionsByWorkflowId");
    executionsByFirstRunId = (Map<?, ?>) read(service, "executionsByFirstExecutionRunId");
    Object store = read(service, "store");
    storeLock = (Lock) read(store, "lock");
    histories = (Map<?, ?>) read(store, "histories");
    searchAttributes =
        (Map<?, ?>) read(read(service, "visibilityStore"), "executionSearchAttributes");
    Class<?> historyStore =
        Class.forName(
            store.getClass().getName() + "$HistoryStore", false, store.getClass().getClassLoader());
    isCompleted = historyStore.getDeclaredMethod("isCompleted");
    isCompleted.setAccessible(true);
    Object timer = read(services, "selfAdvancingTimer");
    timerLock = (Lock) read(timer, "lock");
    timerTasks = (Collection<?>) read(timer, "tasks");
    Class<?> timerTask =
        Class.forName(
            timer.getClass().getName() + "$TimerTask", false, timer.getClass().getClassLoader());
    isCanceled = timerTask.getDeclaredMethod("isCanceled");
    isCanceled.setAccessible(true);
    taskInfo = timerTask.getDeclaredMethod("getTaskInfo");
    taskInfo.setAccessible(true);
    executionTime = timerTask.getDeclaredMethod("getExecutionTime");
    executionTime.setAccessible(true);
    runnable = timerTask.getDeclaredMethod("getRunnable");
    runnable.setAccessible(true);
  }

  /** The retention for {@code services}' server, or empty when its internals are not as known. */
  static java.util.Optional<ClosedWorkflowRetention> of(
      TestServicesStarter services, Duration period) {
    try {
      return java.util.Optional.of(new ClosedWorkflowRetention(period, services));
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn(
          "The embedded Temporal test server's closed workflows cannot be forgotten ({}): they stay"
              + " in memory for as long as the app runs",
          e.toString());
      return java.util.Optional.empty();
    }
  }

  /**
   * Drops the timers that will never do anything from the server's queue. Each timer holds its
   * workflow's whole state until it fires, and the server leaves two kinds queued that never fire
   * in the life of an app: a cancelled timer stays until it would have fired (a workflow's
   * execution timeout, cancelled when it closes), and a timeout the workflow did not set is ten
   * years away (every activity's schedule-to-start and schedule-to-close, every workflow's
   * execution timeout). Left alone they keep every call's state, and its last workflow task's
   * history, for as long as the app runs. The queue is never emptied here (only while another timer
   * stays), as the server's pump empties it itself.
   *
   * @return how many were dropped
   */
  int dropTimersThatNeverFire(Instant now) {
    long farAway = now.plus(NEVER).toEpochMilli();
    timerLock.lock();
    try {
      int before = timerTasks.size();
      boolean anyKept = timerTasks.stream().anyMatch(task -> !neverFires(task, farAway));
      if (anyKept) {
        timerTasks.removeIf(task -> neverFires(task, farAway));
      }
      return before - timerTasks.size();
    } finally {
      timerLock.unlock();
    }
  }

  /** Further away than this, a server-made timeout is its "no timeout set". */
  static final Duration NEVER = Duration.ofDays(365);

  private boolean neverFires(Object task, long farAway) {
    try {
      if ((boolean) isCanceled.invoke(task)) {
        return true;
      }
      String kind = String.valueOf(taskInfo.invoke(task));
      boolean serverTimeout = kind.startsWith("Activity ") || kind.startsWith("workflow ");
      return serverTimeout && (long) executionTime.invoke(task) > farAway;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  /**
   * Forgets the executions that have been closed for the retention period by {@code now}.
   *
   * @return how many were forgotten
   */
  int forgetExpired(Instant now) {
    List<Object> expired = new ArrayList<>();
    storeLock.lock();
    try {
      for (Map.Entry<?, ?> history : histories.entrySet()) {
        if (completed(history.getValue())) {
          Instant since = closedSince.computeIfAbsent(history.getKey(), id -> now);
          if (!since.plus(period).isAfter(now)) {
            expired.add(history.getKey());
          }
        }
      }
    } finally {
      storeLock.unlock();
    }
    if (expired.isEmpty()) {
      return 0;
    }
    // One lock at a time, never both: no order between them to get wrong.
    Set<Object> forgotten = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    serviceLock.lock();
    try {
      for (Object id : expired) {
        Object state = executions.remove(id);
        if (state != null) {
          forgotten.add(state);
        }
        searchAttributes.remove(id);
      }
      executionsByWorkflowId.values().removeIf(forgotten::contains);
      executionsByFirstRunId.values().removeIf(forgotten::contains);
    } finally {
      serviceLock.unlock();
    }
    storeLock.lock();
    try {
      for (Object id : expired) {
        histories.remove(id);
        closedSince.remove(id);
      }
    } finally {
      storeLock.unlock();
    }
    dropTimersOf(forgotten);
    return expired.size();
  }

  /**
   * Drops the timers still queued for forgotten workflows (a user timer the workflow did not wait
   * out, such as a call's "no news" timer): each holds its workflow's state, and firing for a
   * closed workflow does nothing. The queue is never emptied here.
   */
  private void dropTimersOf(Set<Object> forgotten) {
    timerLock.lock();
    try {
      boolean anyKept = timerTasks.stream().anyMatch(task -> !holdsAnyOf(task, forgotten));
      if (anyKept) {
        timerTasks.removeIf(task -> holdsAnyOf(task, forgotten));
      }
    } finally {
      timerLock.unlock();
    }
  }

  /** Whether the timer's action was made for one of these workflow states. */
  private boolean holdsAnyOf(Object task, Set<Object> states) {
    try {
      Object action = runnable.invoke(task);
      for (Field captured :
          capturedFields.computeIfAbsent(action.getClass(), type -> captures(type))) {
        if (states.contains(captured.get(action))) {
          return true;
        }
      }
      return false;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  private static List<Field> captures(Class<?> type) {
    List<Field> fields = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      if (!java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
        try {
          field.setAccessible(true);
          fields.add(field);
        } catch (RuntimeException e) {
          // A field that cannot be read holds nothing we could tell apart.
        }
      }
    }
    return fields;
  }

  private boolean completed(Object historyStore) {
    try {
      return (boolean) isCompleted.invoke(historyStore);
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  private static Object read(Object owner, String name) throws ReflectiveOperationException {
    Field field = owner.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(owner);
  }
}
