package dev.outdial.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.app.OutdialApplication;
import dev.outdial.app.simulator.standalone.SimulatorApplication;
import dev.outdial.app.testing.ApiClient;
import dev.outdial.app.testing.AppNodes;
import dev.outdial.app.testing.AppProcess;
import dev.outdial.app.testing.Chromium;
import dev.outdial.app.testing.SimulatedCampaigns;
import dev.outdial.app.testing.SimulatedCampaigns.Owner;
import dev.outdial.app.testing.TemporalDevServer;
import dev.outdial.workflows.common.WorkflowIds;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app on its embedded development server (the Temporal CLI's {@code temporal server
 * start-dev}), the real Temporal server: a campaign runs through the simulator, operators find its
 * workflows by the platform's search attributes and in Web UI, the state outlives a restart of the
 * app, and the server never outlives the app.
 */
class EmbeddedDevServerIT {

  private static final String JWT_SECRET = "dev-server-test-secret-long-enough-hs256";
  private static final int CONTACTS = 5;

  private final AppNodes simulators = new AppNodes();
  private final List<AppProcess> apps = new ArrayList<>();
  private final List<WorkflowServiceStubs> clients = new ArrayList<>();
  private Path temporalDb;
  private Map<String, Object> settings;
  private DataSource database;
  private int port;
  private int temporalPort;
  private int uiPort;
  private ConfigurableApplicationContext simulator;

  @BeforeEach
  void settings() throws IOException {
    String cli = TemporalDevServer.cliOrSkip();
    simulator =
        simulators.start(SimulatorApplication.class, SimulatedCampaigns.simulatorSettings("0.1"));
    database = TestDatabase.freshDatabase();
    temporalDb = Files.createTempDirectory("outdial-temporal").resolve("temporal.db");
    temporalPort = AppNodes.freePort();
    uiPort = AppNodes.freePort();
    port = AppNodes.freePort();
    settings = SimulatedCampaigns.nodeSettings(database, AppNodes.port(simulator), JWT_SECRET);
    settings.put("outdial.temporal.embedded", "cli");
    settings.put("outdial.temporal.cli", cli);
    settings.put("outdial.temporal.embedded-port", temporalPort);
    settings.put("outdial.temporal.ui-port", uiPort);
    settings.put("outdial.temporal.embedded-db", temporalDb);
  }

  @AfterEach
  void stopAll() {
    clients.forEach(WorkflowServiceStubs::shutdownNow);
    apps.forEach(AppProcess::close);
    simulators.close();
  }

  private AppProcess app(String name) {
    AppProcess app = AppProcess.start(name, OutdialApplication.class.getName(), settings, port);
    apps.add(app);
    return app;
  }

  private static void startLogSays(AppProcess app, String text) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> app.output().lines().filter(line -> line.contains("Outdial is up.")).toList(),
            lines -> !lines.isEmpty() && lines.get(0).contains(text));
  }

  private WorkflowServiceStubs temporal() {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newConnectedServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + temporalPort).build(),
            Duration.ofSeconds(30));
    clients.add(stubs);
    return stubs;
  }

  private static List<String> workflowIds(WorkflowServiceStubs temporal, String query) {
    return temporal
        .blockingStub()
        .listWorkflowExecutions(
            ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace("default")
                .setQuery(query)
                .setPageSize(100)
                .build())
        .getExecutionsList()
        .stream()
        .map(execution -> execution.getExecution().getWorkflowId())
        .toList();
  }

  private static WorkflowExecutionInfo describe(WorkflowServiceStubs temporal, String workflowId) {
    return temporal
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setExecution(
                    io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                        .setWorkflowId(workflowId))
                .build())
        .getWorkflowExecutionInfo();
  }

  private Optional<ProcessHandle> serverProcess() throws IOException {
    Path pidFile = temporalDb.resolveSibling("temporal.db.pid");
    return Files.exists(pidFile)
        ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
        : Optional.empty();
  }

  @Test
  void aCampaignRunsOnTheDevServerKeepsItsWorkflowAcrossARestartAndOperatorsFindIt()
      throws IOException {
    ApiClient bolna = new ApiClient(AppNodes.port(simulator));
    JdbcClient jdbc = JdbcClient.create(database);
    AppProcess first = app("dev-server-first");
    startLogSays(first, "Web UI at http://localhost:" + uiPort);
    ApiClient api = new ApiClient(port);
    Owner owner = SimulatedCampaigns.owner(api, jdbc, "owner@devserver.test", 2);
    List<String> numbers = SimulatedCampaigns.numbers(7300, CONTACTS);
    String campaignId = SimulatedCampaigns.startCampaign(api, bolna, owner.token(), numbers, 80);
    String campaignWorkflow = WorkflowIds.campaign(UUID.fromString(campaignId));
    assertThat(
            api.get("/api/campaigns/" + campaignId, owner.token())
                .json()
                .path("workflow_url")
                .asText())
        .isEqualTo(
            "http://localhost:" + uiPort + "/namespaces/default/workflows/" + campaignWorkflow);
    SimulatedCampaigns.awaitFreshCallsGoingAtBolna(jdbc, bolna, owner.id());
    String runBefore = describe(temporal(), campaignWorkflow).getExecution().getRunId();

    // Stopped mid-campaign: the development server stops with the app, its state kept on disk.
    ProcessHandle server = serverProcess().orElseThrow();
    first.terminate();
    await().atMost(Duration.ofSeconds(30)).until(() -> !server.isAlive());
    app("dev-server-second");
    SimulatedCampaigns.awaitCompleted(api, owner, campaignId, Duration.ofSeconds(180));

    WorkflowServiceStubs temporal = temporal();
    assertThat(describe(temporal, campaignWorkflow).getExecution().getRunId())
        .as("the campaign's workflow went on where it was, not rebuilt")
        .isEqualTo(runBefore);
    SimulatedCampaigns.everyNumberDialedOnce(bolna, numbers);
    SimulatedCampaigns.everyCallCounted(api, owner, campaignId, CONTACTS);
    SimulatedCampaigns.creditsEqualTheLedger(jdbc, owner.id(), 15 - 2 * CONTACTS);

    // Operators find the campaign's workflow and its calls' by the platform's search attributes.
    List<String> byCampaign =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> workflowIds(temporal, "OutdialCampaignId = \"" + campaignId + "\""),
                ids -> ids.size() >= CONTACTS + 1);
    assertThat(byCampaign).contains(campaignWorkflow);
    assertThat(byCampaign.stream().filter(id -> !id.equals(campaignWorkflow)))
        .hasSizeGreaterThanOrEqualTo(CONTACTS);
    assertThat(workflowIds(temporal, "OutdialUserId = \"" + owner.id() + "\""))
        .containsAll(byCampaign.stream().filter(id -> !id.equals(campaignWorkflow)).toList());

    webUiShows(campaignId, campaignWorkflow);
  }

  /** Web UI's workflow list, filtered by the campaign, shows the campaign's workflow. */
  private void webUiShows(String campaignId, String campaignWorkflow) throws IOException {
    WebDriver browser = Chromium.startOrSkip(1280);
    try {
      String query =
          URLEncoder.encode("OutdialCampaignId=\"" + campaignId + "\"", StandardCharsets.UTF_8);
      browser.get("http://localhost:" + uiPort + "/namespaces/default/workflows?query=" + query);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> browser.getPageSource().contains(campaignWorkflow));
      Path folder =
          Files.createDirectories(Path.of("target", "screenshots", "EmbeddedDevServerIT"));
      Files.copy(
          ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
          folder.resolve("web-ui-campaign-workflows.png"),
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      browser.quit();
    }
  }

  @Test
  void aKilledAppLeavesNoTemporalServerBehindAndTheNextStartTakesItsStateOver() throws IOException {
    AppProcess first = app("dev-server-killed");
    ProcessHandle server = serverProcess().orElseThrow();
    assertThat(server.isAlive()).isTrue();

    first.kill();

    await().atMost(Duration.ofSeconds(30)).until(() -> !server.isAlive());
    AppProcess second = app("dev-server-after-kill");
    startLogSays(second, "Temporal: EMBEDDED Temporal's development server");
    assertThat(serverProcess().orElseThrow().isAlive()).isTrue();
  }
}
