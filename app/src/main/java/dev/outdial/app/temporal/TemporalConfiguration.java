package dev.outdial.app.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connection to Temporal: embedded test server unless a target is configured. */
@Configuration(proxyBeanMethods = false)
class TemporalConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("'${outdial.temporal.target:}'.isBlank()")
  EmbeddedTemporalServer embeddedTemporalServer(TemporalProperties properties) {
    return EmbeddedTemporalServer.start(properties.embeddedPort());
  }

  @Bean
  TemporalConnection temporalConnection(
      TemporalProperties properties, ObjectProvider<EmbeddedTemporalServer> embeddedServer) {
    EmbeddedTemporalServer server = embeddedServer.getIfAvailable();
    return server != null
        ? new TemporalConnection(server.target(), properties.namespace(), true)
        : new TemporalConnection(properties.target(), properties.namespace(), false);
  }

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(TemporalConnection connection) {
    // Lazy stubs: the connection is made on first use, so the app starts even when Temporal
    // comes up later; health reports DOWN until it answers.
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(connection.target()).build());
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

  @Bean
  WorkerFactory workerFactory(WorkflowClient client) {
    return WorkerFactory.newInstance(client);
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
