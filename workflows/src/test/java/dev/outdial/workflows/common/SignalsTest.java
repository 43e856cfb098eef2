package dev.outdial.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.SignalExternalWorkflowException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SignalsTest {

  @Test
  void aSignalThatCanBeSentIsSent() {
    AtomicInteger sent = new AtomicInteger();

    Signals.tryToSend("campaign-x", sent::incrementAndGet);

    assertThat(sent).hasValue(1);
  }

  @Test
  void aSignalToAWorkflowThatIsGoneIsDroppedWithoutFailing() {
    WorkflowExecution gone = WorkflowExecution.newBuilder().setWorkflowId("campaign-x").build();

    assertThatNoException()
        .isThrownBy(
            () ->
                Signals.tryToSend(
                    "campaign-x",
                    () -> {
                      throw new SignalExternalWorkflowException(gone, "CampaignWorkflow");
                    }));
  }

  @Test
  void aSignalTheServerRefusesIsDroppedWithoutFailing() {
    assertThatNoException()
        .isThrownBy(
            () ->
                Signals.tryToSend(
                    "dispatcher",
                    () -> {
                      throw ApplicationFailure.newFailure("not found", "NotFound");
                    }));
  }

  @Test
  void aBugInsideTheSignalIsNotHidden() {
    assertThatThrownBy(
            () ->
                Signals.tryToSend(
                    "dispatcher",
                    () -> {
                      throw new IllegalStateException("bug");
                    }))
        .isInstanceOf(IllegalStateException.class);
  }
}
