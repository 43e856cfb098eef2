package dev.outdial.app.temporal;

import dev.outdial.workflows.call.CallRequest;
import dev.outdial.workflows.campaign.CampaignRun;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor.WorkflowSignalWithStartInput;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor.WorkflowSignalWithStartOutput;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor.WorkflowStartInput;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor.WorkflowStartOutput;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tags every workflow the app starts with {@code OutdialUserId} and {@code OutdialCampaignId}, so
 * operators can filter by customer or campaign in Temporal Web UI. The two keyword attributes are
 * registered in the namespace before the first start; on a server that cannot register them, or
 * that refuses, workflows start untagged and the log says why.
 */
public class OutdialSearchAttributes extends WorkflowClientInterceptorBase {

  public static final SearchAttributeKey<String> USER =
      SearchAttributeKey.forKeyword("OutdialUserId");
  public static final SearchAttributeKey<String> CAMPAIGN =
      SearchAttributeKey.forKeyword("OutdialCampaignId");

  private static final Logger log = LoggerFactory.getLogger(OutdialSearchAttributes.class);

  private enum State {
    UNKNOWN,
    REGISTERED,
    UNSUPPORTED
  }

  private final WorkflowServiceStubs stubs;
  private final String namespace;
  private volatile State state = State.UNKNOWN;

  public OutdialSearchAttributes(WorkflowServiceStubs stubs, String namespace) {
    this.stubs = stubs;
    this.namespace = namespace;
  }

  @Override
  public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
      WorkflowClientCallsInterceptor next) {
    return new WorkflowClientCallsInterceptorBase(next) {
      @Override
      public WorkflowStartOutput start(WorkflowStartInput input) {
        WorkflowStartInput tagged = tagged(input);
        try {
          return super.start(tagged);
        } catch (RuntimeException e) {
          if (tagged == input || !refusedAttributes(e)) {
            throw e;
          }
          return super.start(input);
        }
      }

      @Override
      public WorkflowSignalWithStartOutput signalWithStart(WorkflowSignalWithStartInput input) {
        WorkflowStartInput tagged = tagged(input.getWorkflowStartInput());
        try {
          return super.signalWithStart(
              new WorkflowSignalWithStartInput(
                  tagged, input.getSignalName(), input.getSignalArguments()));
        } catch (RuntimeException e) {
          if (tagged == input.getWorkflowStartInput() || !refusedAttributes(e)) {
            throw e;
          }
          return super.signalWithStart(input);
        }
      }
    };
  }

  /**
   * A server that has just registered the attributes may refuse them for a short while: the work
   * starts untagged rather than not at all.
   */
  private static boolean refusedAttributes(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException status
          && status.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        log.warn("Workflow started without search attributes: {}", status.getStatus());
        return true;
      }
    }
    return false;
  }

  private WorkflowStartInput tagged(WorkflowStartInput input) {
    UUID user = null;
    UUID campaign = null;
    for (Object argument : input.getArguments()) {
      if (argument instanceof CallRequest call) {
        user = call.userId();
        campaign = call.campaignId();
      } else if (argument instanceof CampaignRun run) {
        campaign = run.campaignId();
      }
    }
    if ((user == null && campaign == null) || !registered()) {
      return input;
    }
    WorkflowOptions options = input.getOptions();
    SearchAttributes.Builder attributes =
        options.getTypedSearchAttributes() == null
            ? SearchAttributes.newBuilder()
            : SearchAttributes.newBuilder(options.getTypedSearchAttributes());
    if (user != null) {
      attributes.set(USER, user.toString());
    }
    if (campaign != null) {
      attributes.set(CAMPAIGN, campaign.toString());
    }
    return new WorkflowStartInput(
        input.getWorkflowId(),
        input.getWorkflowType(),
        input.getHeader(),
        input.getArguments(),
        WorkflowOptions.newBuilder(options).setTypedSearchAttributes(attributes.build()).build());
  }

  /** Registers the attributes once; a server that is down now is asked again next time. */
  private synchronized boolean registered() {
    if (state != State.UNKNOWN) {
      return state == State.REGISTERED;
    }
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      operator
          .blockingStub()
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace(namespace)
                  .putAllSearchAttributes(
                      Map.of(
                          USER.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                          CAMPAIGN.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD))
                  .build());
      state = State.REGISTERED;
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.ALREADY_EXISTS) {
        state = State.REGISTERED;
      } else if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
        return false;
      } else {
        state = State.UNSUPPORTED;
        log.warn(
            "Workflows start without the search attributes {} and {}: {}",
            USER.getName(),
            CAMPAIGN.getName(),
            e.getStatus());
      }
    } finally {
      operator.shutdown();
    }
    if (state == State.REGISTERED) {
      log.info(
          "Workflows carry the search attributes {} and {}", USER.getName(), CAMPAIGN.getName());
    }
    return state == State.REGISTERED;
  }
}
