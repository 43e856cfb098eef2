package dev.outdial.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Java test server as the app runs it: in process for the app, on a port for the rest. */
class EmbeddedTemporalServerTest {

  private static final String QUEUE = "embedded-server-test";

  @ActivityInterface
  public interface Dialing {
    String dial(int number);
  }

  @WorkflowInterface
  public interface OneDial {
    @WorkflowMethod
    String run(int number);
  }

  public static class OneDialImpl implements OneDial {
    @Override
    public String run(int number) {
      Dialing dialing =
          Workflow.newActivityStub(
              Dialing.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
      return dialing.dial(number) + " then " + dialing.dial(number + 1);
    }
  }

  @WorkflowInterface
  public interface OnTheLine {
    @WorkflowMethod
    void run();

    @SignalMethod
    void hangUp();
  }

  public static class OnTheLineImpl implements OnTheLine {
    private boolean hungUp;

    @Override
    public void run() {
      // As a call waits for its final status: with a long timeout, cancelled when it comes.
      Workflow.await(Duration.ofHours(2), () -> hungUp);
    }

    @Override
    public void hangUp() {
      hungUp = true;
    }
  }

  private final EmbeddedTemporalServer server =
      EmbeddedTemporalServer.start(0, Duration.ofMinutes(10));
  private final List<WorkflowServiceStubs> stubs = new ArrayList<>();
  private WorkerFactory workers;

  @AfterEach
  void stop() {
    if (workers != null) {
      workers.shutdownNow();
    }
    stubs.forEach(WorkflowServiceStubs::shutdownNow);
    server.close();
  }

  private WorkflowClient inProcessClient() {
    WorkflowServiceStubs inProcess =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setChannel(server.inProcessChannel().orElseThrow())
                .build());
    stubs.add(inProcess);
    WorkflowClient client = WorkflowClient.newInstance(inProcess);
    workers = WorkerFactory.newInstance(client);
    var worker = workers.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(OneDialImpl.class, OnTheLineImpl.class);
    worker.registerActivitiesImplementations((Dialing) number -> "dialed " + number);
    workers.start();
    return client;
  }

  private String run(WorkflowClient client, String id, int number) {
    return client
        .newWorkflowStub(
            OneDial.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build())
        .run(number);
  }

  @Test
  void aWorkflowRunInProcessIsSeenThroughThePort() {
    WorkflowClient client = inProcessClient();

    assertThat(run(client, "through-both", 7)).isEqualTo("dialed 7 then dialed 8");

    WorkflowServiceStubs overThePort =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
    stubs.add(overThePort);
    var described =
        overThePort
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(
                        WorkflowStub.fromTyped(
                                client.newWorkflowStub(OneDial.class, "through-both"))
                            .getExecution())
                    .build());
    assertThat(described.getWorkflowExecutionInfo().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  @Test
  void theServersLockJournalStaysBoundedHoweverManyActivitiesRun() throws Exception {
    WorkflowClient client = inProcessClient();

    // Each workflow schedules and completes two activities: four journal entries the test
    // server never removes by itself, so 400 workflows leave well over the journal's bound.
    for (int number = 0; number < 400; number++) {
      assertThat(run(client, "dial-" + number, number)).startsWith("dialed " + number);
    }

    assertThat(RecentLockEvents.journalOf(server.services()))
        .hasSizeLessThanOrEqualTo(RecentLockEvents.KEPT)
        .isInstanceOf(RecentLockEvents.class);
  }

  private WorkflowExecutionStatus statusOf(WorkflowClient client, String id) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id).build())
                .build())
        .getWorkflowExecutionInfo()
        .getStatus();
  }

  @Test
  void aWorkflowClosedForTheRetentionPeriodIsForgottenAndOneStillRunningIsNot() {
    WorkflowClient client = inProcessClient();
    run(client, "closed-call", 1);
    OnTheLine open =
        client.newWorkflowStub(
            OnTheLine.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("open-call").build());
    WorkflowClient.start(open::run);
    ClosedWorkflowRetention retention =
        ClosedWorkflowRetention.of(server.services(), Duration.ofMinutes(1)).orElseThrow();
    Instant seen = Instant.now();

    assertThat(retention.forgetExpired(seen)).isZero();
    assertThat(retention.forgetExpired(seen.plusSeconds(59))).isZero();
    assertThat(statusOf(client, "closed-call"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);

    assertThat(retention.forgetExpired(seen.plusSeconds(60))).isEqualTo(1);

    assertThatThrownBy(() -> statusOf(client, "closed-call"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThat(statusOf(client, "open-call"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    // The id may be used again, as after a real namespace's retention.
    assertThat(run(client, "closed-call", 5)).isEqualTo("dialed 5 then dialed 6");

    // Once it closes, the open one is forgotten in its turn.
    open.hangUp();
    WorkflowStub.fromTyped(open).getResult(Void.class);
    Instant hungUp = seen.plusSeconds(61);
    assertThat(retention.forgetExpired(hungUp)).isZero();
    assertThat(retention.forgetExpired(hungUp.plusSeconds(60))).isEqualTo(2);
    assertThatThrownBy(() -> statusOf(client, "open-call"))
        .isInstanceOf(StatusRuntimeException.class);
  }

  /** How many timers the server has queued. */
  private int timersQueued() {
    try {
      Field timerField = TestServicesStarter.class.getDeclaredField("selfAdvancingTimer");
      timerField.setAccessible(true);
      Object timer = timerField.get(server.services());
      Field tasks = timer.getClass().getDeclaredField("tasks");
      tasks.setAccessible(true);
      return ((java.util.Collection<?>) tasks.get(timer)).size();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private OnTheLine onTheLine(WorkflowClient client, String id) {
    OnTheLine call =
        client.newWorkflowStub(
            OnTheLine.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
    WorkflowClient.start(call::run);
    return call;
  }

  @Test
  void timersThatNeverFireAreDroppedInsteadOfHoldingTheirWorkflowsForYears() {
    WorkflowClient client = inProcessClient();
    OnTheLine stillTalking = onTheLine(client, "still-talking");
    OnTheLine hungUp = onTheLine(client, "hung-up");
    ClosedWorkflowRetention retention =
        ClosedWorkflowRetention.of(server.services(), Duration.ofMinutes(1)).orElseThrow();
    // Both waits have their timers; neither is cancelled yet.
    assertThat(statusOf(client, "hung-up"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    // The server's ten-year "no timeout set" timers of both workflows go at once.
    assertThat(retention.dropTimersThatNeverFire(Instant.now())).isPositive();
    assertThat(retention.dropTimersThatNeverFire(Instant.now())).isZero();

    hungUp.hangUp();
    WorkflowStub.fromTyped(hungUp).getResult(Void.class);
    int queued = timersQueued();

    // Its two-hour wait outlives it; once the workflow is forgotten, its timer goes with it.
    Instant closed = Instant.now();
    assertThat(retention.forgetExpired(closed)).isZero();
    assertThat(retention.forgetExpired(closed.plusSeconds(60))).isEqualTo(1);
    assertThat(timersQueued()).isLessThan(queued);
    // The other call's timer is live, and still wakes it: the server works on as before.
    stillTalking.hangUp();
    WorkflowStub.fromTyped(stillTalking).getResult(Void.class);
    assertThat(run(client, "after-the-drop", 3)).isEqualTo("dialed 3 then dialed 4");
  }

  @Test
  void theServerForgetsItsClosedWorkflowsOnceTheirRetentionHasPassed() {
    WorkflowClient client = inProcessClient();
    run(client, "kept-then-forgotten", 1);
    Instant seen = Instant.now();

    server.forgetExpired(seen);
    server.forgetExpired(seen.plus(Duration.ofMinutes(9)));
    assertThat(statusOf(client, "kept-then-forgotten"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);

    server.forgetExpired(seen.plus(Duration.ofMinutes(10)));
    assertThatThrownBy(() -> statusOf(client, "kept-then-forgotten"))
        .isInstanceOf(StatusRuntimeException.class);
  }

  @Test
  void theStartLogSaysHowLongClosedWorkflowsAreKept() {
    assertThat(server.description())
        .contains("a closed workflow is forgotten 10 min after it closed");
  }

  @Test
  void aRetentionOfPartMinutesIsSaidInSeconds() {
    assertThat(EmbeddedTemporalServer.readable(Duration.ofSeconds(30))).isEqualTo("30 s");
    assertThat(EmbeddedTemporalServer.readable(Duration.ofSeconds(90))).isEqualTo("90 s");
    assertThat(EmbeddedTemporalServer.readable(Duration.ofHours(2))).isEqualTo("120 min");
  }
}
