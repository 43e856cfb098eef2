import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints {@code HISTORY workflow_id history_length} for the longest-running histories of the
 * open workflows on a Temporal frontend, and {@code OPEN count}. Usage: java -cp CLASSPATH
 * Histories.java TARGET [NAMESPACE]
 */
public class Histories {
  public static void main(String[] args) {
    String namespace = args.length > 1 ? args[1] : "default";
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(args[0]).build());
    List<WorkflowExecutionInfo> open = new ArrayList<>();
    ByteString page = ByteString.EMPTY;
    do {
      var answer =
          stubs
              .blockingStub()
              .listOpenWorkflowExecutions(
                  ListOpenWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(namespace)
                      .setMaximumPageSize(1000)
                      .setNextPageToken(page)
                      .build());
      open.addAll(answer.getExecutionsList());
      page = answer.getNextPageToken();
    } while (!page.isEmpty());
    System.out.println("OPEN " + open.size());
    long longest = 0;
    String which = "-";
    for (WorkflowExecutionInfo info : open) {
      String id = info.getExecution().getWorkflowId();
      if (id.startsWith("call-")) {
        continue; // one call each: a few dozen events
      }
      long length =
          stubs
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(namespace)
                      .setExecution(info.getExecution())
                      .build())
              .getWorkflowExecutionInfo()
              .getHistoryLength();
      System.out.println("HISTORY " + id + " " + length);
      if (length > longest) {
        longest = length;
        which = id;
      }
    }
    System.out.println("LONGEST " + which + " " + longest);
    stubs.shutdownNow();
  }
}
