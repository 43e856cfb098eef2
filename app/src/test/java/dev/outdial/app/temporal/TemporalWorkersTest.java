package dev.outdial.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** What a stopping node does with the work its workers had taken. */
class TemporalWorkersTest {

  private static final String QUEUE = "shutdown-test";
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @ActivityInterface
  public interface Dialing {
    String dial();
  }

  /** Stands for a dial: it runs until the test lets it end. */
  public class SlowDialing implements Dialing {
    @Override
    public String dial() {
      started.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
        return "placed";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("the dial was cut short", e);
      }
    }
  }

  @WorkflowInterface
  public interface OneDial {
    @WorkflowMethod
    String run();
  }

  public static class OneDialImpl implements OneDial {
    @Override
    public String run() {
      return Workflow.newActivityStub(
              Dialing.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build())
          .dial();
    }
  }

  private TestWorkflowEnvironment temporal;

  @BeforeEach
  void start() {
    temporal = TestWorkflowEnvironment.newInstance();
  }

  @AfterEach
  void stop() {
    release.countDown();
    temporal.close();
  }

  private TemporalWorkers workers(Duration grace) {
    var registrations = new StaticListableBeanFactory();
    registrations.addBean(
        "dialing", WorkerRegistration.of(QUEUE, List.of(OneDialImpl.class), new SlowDialing()));
    return new TemporalWorkers(
        temporal.getWorkerFactory(),
        registrations.getBeanProvider(WorkerRegistration.class),
        true,
        grace);
  }

  private String dialing(TemporalWorkers workers) throws InterruptedException {
    workers.start();
    String workflowId = "dial-" + System.nanoTime();
    WorkflowClient.start(
        temporal
                .getWorkflowClient()
                .newWorkflowStub(
                    OneDial.class,
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(workflowId)
                        .setTaskQueue(QUEUE)
                        .build())
            ::run);
    assertThat(started.await(30, TimeUnit.SECONDS)).as("the dial started").isTrue();
    return workflowId;
  }

  private List<EventType> history(String workflowId) {
    return temporal.getWorkflowClient().fetchHistory(workflowId).getEvents().stream()
        .map(event -> event.getEventType())
        .toList();
  }

  @Test
  void aStoppingNodeTakesNoNewTaskAndLetsARunningDialEndAndReportItsResult() throws Exception {
    TemporalWorkers workers = workers(Duration.ofSeconds(30));
    String workflowId = dialing(workers);

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(workers::stop);

    assertThat(stopping).as("the node waits for the dial").isNotDone();
    release.countDown();
    stopping.get(30, TimeUnit.SECONDS);
    assertThat(workers.polling()).isFalse();
    assertThat(temporal.getWorkerFactory().isTerminated()).isTrue();
    assertThat(history(workflowId))
        .as("the dial's result reached Temporal")
        .contains(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
  }

  @Test
  void aDialThatOutlastsTheGraceIsInterruptedSoTheNodeStillStops() throws Exception {
    TemporalWorkers workers = workers(Duration.ofMillis(200));
    String workflowId = dialing(workers);

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(workers::stop);

    // The dial would hold for 30 s; the node stops long before.
    stopping.get(10, TimeUnit.SECONDS);
    assertThat(release.getCount()).as("the dial was never let end").isOne();
    assertThat(temporal.getWorkerFactory().isShutdown()).isTrue();
    assertThat(history(workflowId))
        .as("no result was reported for it: Temporal retries it after its timeout")
        .doesNotContain(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
  }
}
