package dev.outdial.app.temporal;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.outdial.app.logging.ActivityLogContext;
import dev.outdial.workflows.call.BillingActivities;
import dev.outdial.workflows.call.CallActivities;
import dev.outdial.workflows.call.LeadActivities;
import dev.outdial.workflows.campaign.CampaignActivities;
import dev.outdial.workflows.dispatch.DispatchActivities;
import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connection to Temporal: an embedded server unless a target is configured. */
@Configuration(proxyBeanMethods = false)
class TemporalConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TemporalConfiguration.class);

  /**
   * The Temporal the app runs itself when no target is set: the CLI's development server when
   * {@code outdial.temporal.embedded} allows it and the CLI is found, else the Java test server.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("'${outdial.temporal.target:}'.isBlank()")
  EmbeddedTemporal embeddedTemporal(TemporalProperties properties) {
    Optional<TemporalCli> cli =
        TemporalCli.choose(properties.embedded(), properties.cli(), TemporalCli::find);
    if (cli.isPresent()) {
      return EmbeddedDevServer.start(
          cli.get(),
          properties.embeddedPort(),
          properties.uiPort(),
          properties.embeddedDb(),
          List.of(
              OutdialSearchAttributes.USER.getName(), OutdialSearchAttributes.CAMPAIGN.getName()));
    }
    if (properties.embedded() == EmbeddedTemporalKind.AUTO) {
      log.info(
          "No Temporal CLI runs as '{}': the embedded Temporal is the Java test server (in memory,"
              + " no Web UI). For the development server with Web UI: {}",
          properties.cli(),
          TemporalCli.HOW_TO_INSTALL);
    }
    return EmbeddedTemporalServer.start(properties.embeddedPort(), properties.embeddedRetention());
  }

  @Bean
  TemporalConnection temporalConnection(
      TemporalProperties properties, ObjectProvider<EmbeddedTemporal> embeddedServer) {
    EmbeddedTemporal server = embeddedServer.getIfAvailable();
    if (server == null) {
      return new TemporalConnection(
          properties.target(), properties.namespace(), false, properties.uiUrl());
    }
    String uiUrl = properties.uiUrl().isBlank() ? server.webUiUrl().orElse("") : properties.uiUrl();
    return new TemporalConnection(server.target(), properties.namespace(), true, uiUrl);
  }

  /**
   * The SDK's own metrics (polls, task latencies, schedule-to-start, failures) reported through
   * Micrometer, so they appear at /actuator/prometheus next to the platform's.
   */
  @Bean(destroyMethod = "close")
  Scope temporalMetricsScope(MeterRegistry registry) {
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(com.uber.m3.util.Duration.ofSeconds(10));
  }

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(
      TemporalConnection connection,
      Scope metricsScope,
      ObjectProvider<EmbeddedTemporal> embeddedServer) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder().setMetricsScope(metricsScope);
    Optional<ManagedChannel> inProcess =
        Optional.ofNullable(embeddedServer.getIfAvailable())
            .flatMap(EmbeddedTemporal::inProcessChannel);
    // Lazy stubs: the connection is made on first use, so the app starts even when Temporal
    // comes up later; health reports DOWN until it answers.
    return WorkflowServiceStubs.newServiceStubs(
        inProcess.isPresent()
            ? options.setChannel(inProcess.get()).build()
            : options.setTarget(connection.target()).build());
  }

  @Bean
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalConnection connection) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(connection.namespace())
            .setInterceptors(new OutdialSearchAttributes(stubs, connection.namespace()))
            .build());
  }

  /**
   * @param workflowCacheSize how many workflows a node keeps in memory between their tasks (sticky
   *     execution: a task goes back to the node that ran the previous one, which need not replay
   *     the history); 0 turns that off. A real Temporal server moves a stopped node's sticky tasks
   *     to the other nodes after a few seconds.
   */
  @Bean
  WorkerFactory workerFactory(
      WorkflowClient client,
      @Value("${outdial.worker.workflow-cache-size:600}") int workflowCacheSize) {
    return WorkerFactory.newInstance(
        client,
        WorkerFactoryOptions.newBuilder()
            .setWorkflowCacheSize(workflowCacheSize)
            .setWorkerInterceptors(
                new ActivityLogContext(
                    List.of(
                        CallActivities.class,
                        BillingActivities.class,
                        LeadActivities.class,
                        CampaignActivities.class,
                        DispatchActivities.class)))
            .build());
  }

  @Bean
  TemporalHealthIndicator temporalHealthIndicator(
      WorkflowServiceStubs stubs, TemporalConnection connection) {
    return new TemporalHealthIndicator(stubs, connection);
  }

  @Bean
  TemporalWorkers temporalWorkers(
      WorkerFactory factory,
      ObjectProvider<WorkerRegistration> registrations,
      WorkerProperties workerProperties,
      @Value("${outdial.worker.shutdown-grace:30s}") Duration shutdownGrace) {
    return new TemporalWorkers(factory, registrations, workerProperties.enabled(), shutdownGrace);
  }
}
