package dev.outdial.app.temporal;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Creates one worker per task queue from the {@link WorkerRegistration} beans and starts polling
 * once the application context is ready; stops polling gracefully on shutdown.
 *
 * <p>Temporal may come up after the app (a fresh docker-compose, a frontend restart): the workers
 * then start as soon as it answers, while health reports Temporal DOWN, instead of the whole app
 * failing to start.
 */
public class TemporalWorkers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TemporalWorkers.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofSeconds(30);

  private final WorkerFactory factory;
  private final ObjectProvider<WorkerRegistration> registrations;
  private final boolean enabled;
  private final Duration shutdownGrace;
  private final ScheduledExecutorService starter =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "temporal-worker-starter");
            thread.setDaemon(true);
            return thread;
          });
  private volatile boolean running;

  /**
   * @param shutdownGrace how long running workflow and activity tasks get to finish when the node
   *     stops, after it has stopped taking new ones
   */
  TemporalWorkers(
      WorkerFactory factory,
      ObjectProvider<WorkerRegistration> registrations,
      boolean enabled,
      Duration shutdownGrace) {
    this.factory = factory;
    this.registrations = registrations;
    this.enabled = enabled;
    this.shutdownGrace = shutdownGrace;
  }

  @Override
  public void start() {
    running = true;
    if (!enabled) {
      log.info("Temporal workers disabled (outdial.worker.enabled=false): API-only node");
      return;
    }
    Map<String, Worker> workers = new LinkedHashMap<>();
    registrations
        .orderedStream()
        .forEach(
            registration ->
                registration.register(
                    workers.computeIfAbsent(registration.taskQueue(), factory::newWorker)));
    if (!tryStart(workers)) {
      starter.schedule(() -> retryStart(workers, FIRST_RETRY), 0, TimeUnit.MILLISECONDS);
    }
  }

  private void retryStart(Map<String, Worker> workers, Duration delay) {
    if (!running || tryStart(workers)) {
      return;
    }
    Duration next =
        delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
    starter.schedule(() -> retryStart(workers, next), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private boolean tryStart(Map<String, Worker> workers) {
    try {
      factory.start();
      log.info("Temporal workers polling task queues {}", workers.keySet());
      return true;
    } catch (RuntimeException e) {
      log.warn(
          "Temporal workers not started yet, will retry: {}",
          e.getMessage() == null ? e : e.getMessage());
      return false;
    }
  }

  @Override
  public void stop() {
    running = false;
    starter.shutdownNow();
    if (!factory.isStarted()) {
      return;
    }
    // Stop polling first: nothing new is taken, and what runs (a dial, a debit) ends and reports
    // its result to Temporal. A task cut short is retried by Temporal on another worker, and the
    // attempt rows in Postgres keep a dial in doubt from being placed twice.
    log.info(
        "Stopping the Temporal workers: no new tasks are taken; running ones get up to {} to end",
        shutdownGrace);
    factory.shutdown();
    factory.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
    if (factory.isTerminated()) {
      log.info("Temporal workers stopped; every task they had taken ended");
    } else {
      log.warn(
          "Temporal workers still had tasks running after {}; interrupting them, Temporal retries"
              + " them on another worker",
          shutdownGrace);
      factory.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Whether the workers poll Temporal now. */
  public boolean polling() {
    return enabled && factory.isStarted() && !factory.isShutdown();
  }
}
