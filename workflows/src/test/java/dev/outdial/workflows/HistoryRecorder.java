package dev.outdial.workflows;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.outdial.workflows.call.BillingActivities;
import dev.outdial.workflows.call.CallActivities;
import dev.outdial.workflows.call.CallOutcome;
import dev.outdial.workflows.call.CallRequest;
import dev.outdial.workflows.call.CallWorkflow;
import dev.outdial.workflows.call.CallWorkflowImpl;
import dev.outdial.workflows.call.Finalized;
import dev.outdial.workflows.call.LeadActivities;
import dev.outdial.workflows.call.Placement;
import dev.outdial.workflows.call.ProviderStatus;
import dev.outdial.workflows.campaign.CampaignActivities;
import dev.outdial.workflows.campaign.CampaignProgress;
import dev.outdial.workflows.campaign.CampaignRun;
import dev.outdial.workflows.campaign.CampaignWorkflow;
import dev.outdial.workflows.campaign.CampaignWorkflowImpl;
import dev.outdial.workflows.common.TaskQueues;
import dev.outdial.workflows.common.WorkflowIds;
import dev.outdial.workflows.dispatch.DispatchActivities;
import dev.outdial.workflows.dispatch.DispatchResult;
import dev.outdial.workflows.dispatch.DispatcherState;
import dev.outdial.workflows.dispatch.DispatcherWorkflow;
import dev.outdial.workflows.dispatch.DispatcherWorkflowImpl;
import dev.outdial.workflows.dispatch.IdleDispatcher;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories the replay tests replay, when asked: {@code ./mvnw -pl workflows test
 * -Dtest=HistoryRecorder -Doutdial.record-histories=true}. Run it when a workflow gains a path that
 * running workflows must keep replaying, then keep the older files too.
 */
@EnabledIfSystemProperty(named = "outdial.record-histories", matches = "true")
class HistoryRecorder {

  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  @Test
  void aCampaignWhoseOneItemIsCalledAndAnswered() throws Exception {
    UUID campaignId = UUID.fromString("00000000-0000-0000-0000-00000000ca11");
    UUID itemId = UUID.fromString("00000000-0000-0000-0000-0000000001e1");
    UUID callId = UUID.fromString("00000000-0000-0000-0000-0000000000ca");
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(TaskQueues.OUTDIAL);
      worker.registerWorkflowImplementationTypes(
          CampaignWorkflowImpl.class, CallWorkflowImpl.class, IdleDispatcher.class);
      CampaignActivities campaigns =
          mock(CampaignActivities.class, withSettings().withoutAnnotations());
      CallActivities calls = mock(CallActivities.class, withSettings().withoutAnnotations());
      BillingActivities billing =
          mock(BillingActivities.class, withSettings().withoutAnnotations());
      LeadActivities leads = mock(LeadActivities.class, withSettings().withoutAnnotations());
      AtomicInteger reviews = new AtomicInteger();
      when(campaigns.review(any()))
          .thenAnswer(
              invocation ->
                  switch (reviews.incrementAndGet()) {
                    case 1 -> new CampaignProgress("scheduled", 1, 0, 0, 1, false, 60_000);
                    case 2 -> new CampaignProgress("active", 0, 1, 0, 1, true, -1);
                    default -> new CampaignProgress("completed", 0, 0, 1, 1, false, -1);
                  });
      when(calls.hasCredits(any())).thenReturn(true);
      when(calls.placeCall(any())).thenReturn(Placement.placed(callId, "e-1"));
      when(calls.finalizeCall(any()))
          .thenReturn(new Finalized(callId, true, false, 95, "completed"));
      when(billing.debitCall(any())).thenReturn(2);
      worker.registerActivitiesImplementations(campaigns, calls, billing, leads);
      env.start();
      WorkflowClient client = env.getWorkflowClient();

      WorkflowClient.start(
          stub(client, DispatcherWorkflow.class, WorkflowIds.DISPATCHER)::run,
          DispatcherState.defaults());
      CampaignWorkflow campaign =
          stub(client, CampaignWorkflow.class, WorkflowIds.campaign(campaignId));
      WorkflowClient.start(campaign::run, new CampaignRun(campaignId, Duration.ofHours(1), 500));
      env.sleep(Duration.ofMinutes(2));

      CallWorkflow call = stub(client, CallWorkflow.class, WorkflowIds.campaignCall(itemId));
      WorkflowClient.start(
          call::run,
          new CallRequest(
              UUID.fromString("00000000-0000-0000-0000-000000000001"),
              UUID.fromString("00000000-0000-0000-0000-00000000a9e1"),
              "bolna-agent",
              UUID.fromString("00000000-0000-0000-0000-00000000c0c1"),
              itemId,
              campaignId,
              "+14155552671",
              Map.of("name", "Ada"),
              null,
              2,
              Duration.ofMinutes(60),
              Duration.ofMinutes(15),
              1));
      call.providerStatus(new ProviderStatus("e-1", "in-progress"));
      call.providerStatus(new ProviderStatus("e-1", "completed"));
      WorkflowStub.fromTyped(call).getResult(CallOutcome.class);
      WorkflowStub.fromTyped(campaign).getResult(Void.class);

      Files.writeString(
          HISTORIES.resolve("call-campaign-item-answered.json"),
          client.fetchHistory(WorkflowIds.campaignCall(itemId)).toJson(true));
      Files.writeString(
          HISTORIES.resolve("campaign-started-called-completed.json"),
          client.fetchHistory(WorkflowIds.campaign(campaignId)).toJson(true));
    }
  }

  @Test
  void aOneOffCallAnswered() throws Exception {
    UUID callId = UUID.fromString("00000000-0000-0000-0000-0000000000ca");
    String workflowId =
        WorkflowIds.adhocCall(UUID.fromString("00000000-0000-0000-0000-00000000ad0c"));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(TaskQueues.OUTDIAL);
      worker.registerWorkflowImplementationTypes(CallWorkflowImpl.class, IdleDispatcher.class);
      CallActivities calls = mock(CallActivities.class, withSettings().withoutAnnotations());
      BillingActivities billing =
          mock(BillingActivities.class, withSettings().withoutAnnotations());
      LeadActivities leads = mock(LeadActivities.class, withSettings().withoutAnnotations());
      when(calls.hasCredits(any())).thenReturn(true);
      when(calls.placeCall(any())).thenReturn(Placement.placed(callId, "e-1"));
      when(calls.finalizeCall(any()))
          .thenReturn(new Finalized(callId, true, false, 95, "completed"));
      when(billing.debitCall(any())).thenReturn(2);
      worker.registerActivitiesImplementations(calls, billing, leads);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      WorkflowClient.start(
          stub(client, DispatcherWorkflow.class, WorkflowIds.DISPATCHER)::run,
          DispatcherState.defaults());
      CallWorkflow call = stub(client, CallWorkflow.class, workflowId);
      WorkflowClient.start(
          call::run,
          new CallRequest(
              UUID.fromString("00000000-0000-0000-0000-000000000001"),
              UUID.fromString("00000000-0000-0000-0000-00000000a9e1"),
              "bolna-agent",
              UUID.fromString("00000000-0000-0000-0000-00000000c0c1"),
              null,
              null,
              "+14155552671",
              Map.of("name", "Ada"),
              null,
              2,
              Duration.ofMinutes(60),
              Duration.ofMinutes(15),
              1));
      call.providerStatus(new ProviderStatus("e-1", "in-progress"));
      call.providerStatus(new ProviderStatus("e-1", "completed"));
      WorkflowStub.fromTyped(call).getResult(CallOutcome.class);

      Files.writeString(
          HISTORIES.resolve("call-one-off-answered.json"),
          client.fetchHistory(workflowId).toJson(true));
    }
  }

  @Test
  void aQueuedOneOffCallTheGateHeldBackThenPolledToItsEnd() throws Exception {
    UUID callId = UUID.fromString("00000000-0000-0000-0000-0000000000cb");
    String workflowId =
        WorkflowIds.adhocCall(UUID.fromString("00000000-0000-0000-0000-00000000ad0d"));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(TaskQueues.OUTDIAL);
      worker.registerWorkflowImplementationTypes(CallWorkflowImpl.class, IdleDispatcher.class);
      CallActivities calls = mock(CallActivities.class, withSettings().withoutAnnotations());
      BillingActivities billing =
          mock(BillingActivities.class, withSettings().withoutAnnotations());
      LeadActivities leads = mock(LeadActivities.class, withSettings().withoutAnnotations());
      when(calls.placeCall(any()))
          .thenReturn(
              Placement.waiting(30_000, "pacing: 450 calls per minute toward Bolna"),
              Placement.placed(callId, "e-2"));
      when(calls.pollStatus("e-2")).thenReturn("in-progress", "completed");
      when(calls.finalizeCall(any()))
          .thenReturn(new Finalized(callId, true, false, 95, "completed"));
      when(billing.debitCall(any())).thenReturn(2);
      worker.registerActivitiesImplementations(calls, billing, leads);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      WorkflowClient.start(
          stub(client, DispatcherWorkflow.class, WorkflowIds.DISPATCHER)::run,
          DispatcherState.defaults());
      CallWorkflow call = stub(client, CallWorkflow.class, workflowId);
      WorkflowClient.start(
          call::run,
          CallRequest.queuedOneOff(
              UUID.fromString("00000000-0000-0000-0000-000000000001"),
              UUID.fromString("00000000-0000-0000-0000-00000000a9e1"),
              "bolna-agent",
              UUID.fromString("00000000-0000-0000-0000-00000000c0c1"),
              "+14155552671",
              Map.of("name", "Ada"),
              2,
              Duration.ofMinutes(60),
              Duration.ofMinutes(15),
              1));
      WorkflowStub.fromTyped(call).getResult(CallOutcome.class);

      Files.writeString(
          HISTORIES.resolve("call-queued-one-off-paced-polled.json"),
          client.fetchHistory(workflowId).toJson(true));
    }
  }

  @Test
  void aDispatcherThatStartsCallsIsWokenAndContinuesAsNew() throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(TaskQueues.OUTDIAL);
      worker.registerWorkflowImplementationTypes(DispatcherWorkflowImpl.class);
      DispatchActivities dispatch =
          mock(DispatchActivities.class, withSettings().withoutAnnotations());
      AtomicInteger rounds = new AtomicInteger();
      when(dispatch.dispatch())
          .thenAnswer(
              invocation ->
                  switch (rounds.incrementAndGet()) {
                    case 1 -> new DispatchResult(2, 0);
                    case 2 -> new DispatchResult(0, 5_000);
                    default -> new DispatchResult(0, -1);
                  });
      worker.registerActivitiesImplementations(dispatch);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      DispatcherWorkflow dispatcher =
          stub(client, DispatcherWorkflow.class, WorkflowIds.DISPATCHER);
      var firstRun =
          WorkflowClient.start(dispatcher::run, new DispatcherState(Duration.ofSeconds(30), 4));
      env.sleep(Duration.ofSeconds(10));
      dispatcher.wake();
      env.sleep(Duration.ofMinutes(3));

      Files.writeString(
          HISTORIES.resolve("dispatcher-started-calls-woken-continued.json"),
          client.fetchHistory(WorkflowIds.DISPATCHER, firstRun.getRunId()).toJson(true));
    }
  }

  private static <T> T stub(WorkflowClient client, Class<T> type, String workflowId) {
    return client.newWorkflowStub(
        type,
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.OUTDIAL)
            .build());
  }
}
