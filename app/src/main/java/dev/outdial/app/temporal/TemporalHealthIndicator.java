package dev.outdial.app.temporal;

import io.grpc.health.v1.HealthCheckResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** UP when the Temporal frontend answers its gRPC health check. */
class TemporalHealthIndicator extends AbstractHealthIndicator {

  private final WorkflowServiceStubs stubs;
  private final TemporalConnection connection;

  TemporalHealthIndicator(WorkflowServiceStubs stubs, TemporalConnection connection) {
    super("Temporal is not reachable");
    this.stubs = stubs;
    this.connection = connection;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    HealthCheckResponse response = stubs.healthCheck();
    builder
        .withDetail("target", connection.target())
        .withDetail("namespace", connection.namespace())
        .withDetail("embedded", connection.embedded());
    if (response.getStatus() == HealthCheckResponse.ServingStatus.SERVING) {
      builder.up();
    } else {
      builder.down().withDetail("status", response.getStatus().name());
    }
  }
}
