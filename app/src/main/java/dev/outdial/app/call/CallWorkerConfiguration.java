package dev.outdial.app.call;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.billing.CreditLedger;
import dev.outdial.activities.billing.CreditsPerMinute;
import dev.outdial.activities.call.BillingActivitiesImpl;
import dev.outdial.activities.call.CallActivitiesImpl;
import dev.outdial.activities.dispatch.DialGate;
import dev.outdial.activities.lead.KeywordLeadScorer;
import dev.outdial.activities.lead.LeadActivitiesImpl;
import dev.outdial.activities.lead.LeadScorer;
import dev.outdial.activities.lead.LlmLeadScorer;
import dev.outdial.app.bolna.BolnaGateway;
import dev.outdial.app.campaign.QuietHours;
import dev.outdial.app.database.HotPathJdbc;
import dev.outdial.app.temporal.WorkerRegistration;
import dev.outdial.workflows.call.CallWorkflowImpl;
import dev.outdial.workflows.common.TaskQueues;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The call workflow and its activities on the worker. */
@Configuration(proxyBeanMethods = false)
class CallWorkerConfiguration {

  /** The billing rule, one for debiting calls and for what ended calls owe at the gate. */
  @Bean
  CreditsPerMinute creditsPerMinute(CallSettings settings) {
    return new CreditsPerMinute(settings.creditsPerMinute());
  }

  /** The one gate every dial passes (design.md, The gate). */
  @Bean
  DialGate dialGate(
      HotPathJdbc hotPath,
      QuietHours quietHours,
      @Value("${outdial.bolna.calls-per-minute:450}") int callsPerMinute,
      CreditsPerMinute rate,
      Clock clock) {
    return new DialGate(hotPath.jdbc(), quietHours::current, callsPerMinute, rate, clock);
  }

  @Bean
  CallActivitiesImpl callActivities(
      HotPathJdbc hotPath,
      PlatformTransactionManager transactions,
      BolnaGateway bolna,
      ObjectMapper json,
      Clock clock,
      DialGate gate,
      CallSettings settings) {
    return new CallActivitiesImpl(
        hotPath.jdbc(), transactions, bolna::client, json, clock, gate, settings.billVoicemail());
  }

  @Bean
  BillingActivitiesImpl billingActivities(
      HotPathJdbc hotPath,
      PlatformTransactionManager transactions,
      CreditLedger ledger,
      CreditsPerMinute rate,
      ObjectMapper json) {
    return new BillingActivitiesImpl(hotPath.jdbc(), transactions, ledger, rate, json);
  }

  /** The keyword scorer, or an LLM behind an OpenAI-compatible endpoint when one is set. */
  @Bean
  LeadScorer leadScorer(LlmSettings llm, ObjectMapper json) {
    LeadScorer keywords = new KeywordLeadScorer();
    if (llm.baseUrl().isBlank()) {
      return keywords;
    }
    return new LlmLeadScorer(
        llm.baseUrl(), llm.apiKey(), llm.model(), keywords, json, llm.timeout());
  }

  @Bean
  LeadActivitiesImpl leadActivities(
      HotPathJdbc hotPath,
      PlatformTransactionManager transactions,
      LeadScorer scorer,
      ObjectMapper json) {
    return new LeadActivitiesImpl(hotPath.jdbc(), transactions, scorer, json);
  }

  @Bean
  WorkerRegistration callWorker(
      CallActivitiesImpl calls, BillingActivitiesImpl billing, LeadActivitiesImpl leads) {
    return WorkerRegistration.of(
        TaskQueues.OUTDIAL, List.of(CallWorkflowImpl.class), calls, billing, leads);
  }
}
