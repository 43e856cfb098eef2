package dev.outdial.app.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.dispatch.Allocator;
import dev.outdial.activities.dispatch.CallStarter;
import dev.outdial.activities.dispatch.DispatchActivitiesImpl;
import dev.outdial.app.call.CallSettings;
import dev.outdial.app.campaign.QuietHours;
import dev.outdial.app.database.HotPathJdbc;
import dev.outdial.app.temporal.WorkerRegistration;
import dev.outdial.workflows.common.TaskQueues;
import dev.outdial.workflows.dispatch.DispatcherWorkflowImpl;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The dispatcher workflow and its activities on the worker. */
@Configuration(proxyBeanMethods = false)
class DispatchWorkerConfiguration {

  @Bean
  Allocator allocator(HotPathJdbc hotPath, PlatformTransactionManager transactions) {
    return new Allocator(hotPath.jdbc(), transactions);
  }

  @Bean
  CallStarter callStarter(
      HotPathJdbc hotPath, WorkflowClient temporal, CallSettings settings, ObjectMapper json) {
    return new CallStarter(
        hotPath.jdbc(), () -> temporal, settings.noNewsTimeout(), settings.maxLength(), json);
  }

  @Bean
  DispatchActivitiesImpl dispatchActivities(
      HotPathJdbc hotPath,
      Allocator allocator,
      CallStarter calls,
      QuietHours quietHours,
      Clock clock) {
    return new DispatchActivitiesImpl(hotPath.jdbc(), allocator, calls, quietHours::current, clock);
  }

  @Bean
  WorkerRegistration dispatchWorker(DispatchActivitiesImpl activities) {
    return WorkerRegistration.of(
        TaskQueues.OUTDIAL, List.of(DispatcherWorkflowImpl.class), activities);
  }
}
