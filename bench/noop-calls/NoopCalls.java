import dev.outdial.app.temporal.EmbeddedTemporalServer;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The anchor of bench/campaign-calls.sh: Temporal's own limit for workflows of the call's shape,
 * with no work in them. A dispatcher workflow's activity starts calls up to a concurrency limit
 * (as the allocation does); each call runs an activity (the placement), waits for one signal sent
 * from outside a moment later (the final webhook), runs three more (finalize, debit, score), and
 * signals the campaign and wakes the dispatcher. The campaign ends when every call has ended.
 *
 * <p>Usage: java -cp CLASSPATH NoopCalls.java CALLS CONCURRENCY [TARGET]; with no TARGET it runs
 * the app's embedded Java test server in this process, as the app does. Prints
 * {@code RESULT calls seconds cpu_seconds}, the CPU being this process's.
 */
public class NoopCalls {

  static final String QUEUE = "noop-calls";
  static final ActivityOptions QUICK =
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build();

  static volatile int total;
  static int concurrency;
  static final AtomicInteger started = new AtomicInteger();
  static final AtomicInteger inFlight = new AtomicInteger();
  static WorkflowClient client;
  static final ScheduledExecutorService webhooks = Executors.newScheduledThreadPool(4);

  @ActivityInterface
  public interface Work {
    int startMore();

    String place(String workflowId);

    void finalizeCall();

    void debit();

    void score();
  }

  public static class NoopWork implements Work {
    @Override
    public int startMore() {
      int now = 0;
      while (inFlight.get() < concurrency && started.get() < total) {
        int number = started.getAndIncrement();
        inFlight.incrementAndGet();
        WorkflowClient.start(
            client.newWorkflowStub(
                    Call.class,
                    WorkflowOptions.newBuilder()
                        .setTaskQueue(QUEUE)
                        .setWorkflowId("call-" + number)
                        .build())
                ::run);
        now++;
      }
      return now;
    }

    @Override
    public String place(String workflowId) {
      // The final webhook of a near-instant call, a moment after the placement.
      webhooks.schedule(
          () -> client.newWorkflowStub(Call.class, workflowId).finalStatus("completed"),
          10,
          TimeUnit.MILLISECONDS);
      return "execution-" + workflowId;
    }

    @Override
    public void finalizeCall() {
      inFlight.decrementAndGet();
    }

    @Override
    public void debit() {}

    @Override
    public void score() {}
  }

  @WorkflowInterface
  public interface Call {
    @WorkflowMethod
    void run();

    @SignalMethod
    void finalStatus(String status);
  }

  public static class CallImpl implements Call {
    private final Work work = Workflow.newActivityStub(Work.class, QUICK);
    private String status;

    @Override
    public void run() {
      work.place(Workflow.getInfo().getWorkflowId());
      Workflow.await(() -> status != null);
      work.finalizeCall();
      work.debit();
      work.score();
      Workflow.newExternalWorkflowStub(Campaign.class, "campaign").callFinished();
      Workflow.newExternalWorkflowStub(Dispatcher.class, "dispatcher").wake();
    }

    @Override
    public void finalStatus(String status) {
      this.status = status;
    }
  }

  @WorkflowInterface
  public interface Dispatcher {
    @WorkflowMethod
    void run();

    @SignalMethod
    void wake();
  }

  public static class DispatcherImpl implements Dispatcher {
    private final Work work = Workflow.newActivityStub(Work.class, QUICK);
    private boolean woken;

    @Override
    public void run() {
      for (int round = 0; round < 200; round++) {
        woken = false;
        if (work.startMore() > 0) {
          continue;
        }
        Workflow.await(Duration.ofSeconds(1), () -> woken);
      }
      Workflow.continueAsNew();
    }

    @Override
    public void wake() {
      woken = true;
    }
  }

  @WorkflowInterface
  public interface Campaign {
    @WorkflowMethod
    void run(int calls);

    @SignalMethod
    void callFinished();
  }

  public static class CampaignImpl implements Campaign {
    private int finished;

    @Override
    public void run(int calls) {
      Workflow.await(() -> finished >= calls);
    }

    @Override
    public void callFinished() {
      finished++;
    }
  }

  /**
   * Runs a campaign of this many calls to its end; the dispatcher, started with the first, stays.
   */
  static void runCampaign(int calls, Dispatcher dispatcher) {
    var campaign =
        client.newWorkflowStub(
            Campaign.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("campaign").build());
    WorkflowClient.start(campaign::run, calls);
    total += calls;
    if (total == calls) {
      WorkflowClient.start(dispatcher::run);
    } else {
      dispatcher.wake();
    }
    io.temporal.client.WorkflowStub.fromTyped(campaign).getResult(Void.class);
  }

  public static void main(String[] args) throws Exception {
    // The app logs at INFO; without a configuration logback logs everything.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("ROOT"))
        .setLevel(ch.qos.logback.classic.Level.INFO);
    concurrency = Integer.parseInt(args[1]);
    EmbeddedTemporalServer server = args.length > 2 ? null : EmbeddedTemporalServer.start(0, java.time.Duration.ofMinutes(10));
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder();
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            server == null
                ? options.setTarget(args[2]).build()
                : options.setChannel(server.inProcessChannel().orElseThrow()).build());
    client = WorkflowClient.newInstance(stubs);
    WorkerFactory workers = WorkerFactory.newInstance(client);
    var worker = workers.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(
        CallImpl.class, DispatcherImpl.class, CampaignImpl.class);
    worker.registerActivitiesImplementations(new NoopWork());
    workers.start();

    var dispatcher =
        client.newWorkflowStub(
            Dispatcher.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("dispatcher").build());
    int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP", "0"));
    if (warmup > 0) {
      // A campaign first, in the same process, so the one measured runs on compiled code.
      runCampaign(warmup, dispatcher);
    }
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long before = System.nanoTime();
    int calls = Integer.parseInt(args[0]);
    runCampaign(calls, dispatcher);
    double seconds = (System.nanoTime() - before) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
    System.out.printf("RESULT %d %.3f %.3f%n", calls, seconds, cpu);
    workers.shutdownNow();
    webhooks.shutdownNow();
    stubs.shutdownNow();
    if (server != null) {
      server.close();
    }
    System.exit(0);
  }
}
