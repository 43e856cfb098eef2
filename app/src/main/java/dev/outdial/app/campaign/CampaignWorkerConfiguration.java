package dev.outdial.app.campaign;

import dev.outdial.activities.campaign.CampaignActivitiesImpl;
import dev.outdial.app.temporal.WorkerRegistration;
import dev.outdial.workflows.campaign.CampaignWorkflowImpl;
import dev.outdial.workflows.common.TaskQueues;
import io.temporal.worker.Worker;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The campaign workflow and its activities on the worker. */
@Configuration(proxyBeanMethods = false)
class CampaignWorkerConfiguration {

  @Bean
  CampaignActivitiesImpl campaignActivities(
      JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
    return new CampaignActivitiesImpl(jdbc, transactions, clock);
  }

  @Bean
  WorkerRegistration campaignWorker(CampaignActivitiesImpl activities) {
    return new WorkerRegistration() {
      @Override
      public String taskQueue() {
        return TaskQueues.OUTDIAL;
      }

      @Override
      public void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(CampaignWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
      }
    };
  }
}
