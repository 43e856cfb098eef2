package dev.outdial.app.campaign;

import dev.outdial.activities.campaign.CampaignActivitiesImpl;
import dev.outdial.app.database.HotPathJdbc;
import dev.outdial.app.temporal.WorkerRegistration;
import dev.outdial.workflows.campaign.CampaignWorkflowImpl;
import dev.outdial.workflows.common.TaskQueues;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The campaign workflow and its activities on the worker. */
@Configuration(proxyBeanMethods = false)
class CampaignWorkerConfiguration {

  @Bean
  CampaignActivitiesImpl campaignActivities(
      HotPathJdbc hotPath, PlatformTransactionManager transactions, Clock clock) {
    return new CampaignActivitiesImpl(hotPath.jdbc(), transactions, clock);
  }

  @Bean
  WorkerRegistration campaignWorker(CampaignActivitiesImpl activities) {
    return WorkerRegistration.of(
        TaskQueues.OUTDIAL, List.of(CampaignWorkflowImpl.class), activities);
  }
}
