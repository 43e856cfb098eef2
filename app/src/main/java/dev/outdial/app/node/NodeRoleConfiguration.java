package dev.outdial.app.node;

import dev.outdial.app.temporal.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** What this node serves: the API and console, the workers, or both (the default). */
@Configuration
public class NodeRoleConfiguration {

  private static final Logger log = LoggerFactory.getLogger(NodeRoleConfiguration.class);

  @Bean
  FilterRegistrationBean<WorkerOnlyFilter> workerOnlyFilter(
      ApiProperties api, WorkerProperties workers) {
    if (!api.enabled() && !workers.enabled()) {
      throw new IllegalStateException(
          "OUTDIAL_API_ENABLED=false and OUTDIAL_WORKER_ENABLED=false leave this node nothing to"
              + " do: switch one of them back on.");
    }
    log.info(
        "This node serves {}",
        api.enabled() && workers.enabled()
            ? "the API, the console and the workers"
            : api.enabled() ? "the API and the console only" : "the workers only");
    FilterRegistrationBean<WorkerOnlyFilter> registration =
        new FilterRegistrationBean<>(new WorkerOnlyFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.setEnabled(!api.enabled());
    return registration;
  }
}
