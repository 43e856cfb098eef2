package dev.outdial.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The ids an activity's log lines carry, read from its arguments. */
class ActivityLogContextTest {

  private static final String QUEUE = "log-context";
  private static final UUID USER = UUID.randomUUID();
  private static final UUID CAMPAIGN = UUID.randomUUID();
  private static final UUID CALL = UUID.randomUUID();

  public record Dial(UUID userId, UUID campaignId, String phoneNumber, UUID queueItemId) {}

  @ActivityInterface
  public interface Steps {
    void place(Dial dial);

    void score(UUID callId);

    void poll(String executionId, int attempt);
  }

  /** What each step saw in the log context while it ran. */
  static final Map<String, Map<String, String>> seen = new ConcurrentHashMap<>();

  public static class RecordingSteps implements Steps {
    private static void record(String step) {
      Map<String, String> context = MDC.getCopyOfContextMap();
      seen.put(step, context == null ? Map.of() : Map.copyOf(context));
    }

    @Override
    public void place(Dial dial) {
      record("place");
    }

    @Override
    public void score(UUID callId) {
      record("score");
    }

    @Override
    public void poll(String executionId, int attempt) {
      record("poll");
    }
  }

  @WorkflowInterface
  public interface Run {
    @WorkflowMethod
    void run();
  }

  public static class RunImpl implements Run {
    @Override
    public void run() {
      Steps steps =
          Workflow.newActivityStub(
              Steps.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
      steps.place(new Dial(USER, CAMPAIGN, "+14155550100", null));
      steps.score(CALL);
      steps.poll("exec-7", 2);
    }
  }

  private TestWorkflowEnvironment temporal;

  @BeforeEach
  void start() {
    seen.clear();
    temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new ActivityLogContext(List.of(Steps.class)))
                        .build())
                .build());
    Worker worker = temporal.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RunImpl.class);
    worker.registerActivitiesImplementations(new RecordingSteps());
    temporal.start();
  }

  @AfterEach
  void stop() {
    temporal.close();
  }

  @Test
  void eachActivityLogsWithTheIdsItWorksOnAndItsWorkflow() {
    temporal
        .getWorkflowClient()
        .newWorkflowStub(
            Run.class,
            WorkflowOptions.newBuilder().setWorkflowId("run-1").setTaskQueue(QUEUE).build())
        .run();

    assertThat(seen.get("place"))
        .containsEntry("user_id", USER.toString())
        .containsEntry("campaign_id", CAMPAIGN.toString())
        .doesNotContainKeys("queue_item_id", "call_id")
        .containsEntry("WorkflowId", "run-1");
    assertThat(seen.get("score")).containsEntry("call_id", CALL.toString());
    assertThat(seen.get("score")).doesNotContainKeys("user_id", "campaign_id");
    assertThat(seen.get("poll")).containsEntry("execution_id", "exec-7").hasSizeGreaterThan(1);
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }
}
