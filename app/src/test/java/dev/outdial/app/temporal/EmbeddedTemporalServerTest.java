package dev.outdial.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
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

  private final EmbeddedTemporalServer server = EmbeddedTemporalServer.start(0);
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
    worker.registerWorkflowImplementationTypes(OneDialImpl.class);
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
}
