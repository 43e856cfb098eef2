package dev.outdial.activities.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.bolna.BolnaExecution;
import dev.outdial.activities.call.CallRecords.Inbound;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import dev.outdial.workflows.call.ProviderStatus;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bolna's statuses move a call's lifecycle forward only, and keep the first time of each. */
class CallRecordsIT {

  private JdbcClient jdbc;
  private CallRecords records;
  private UUID callId;
  private UUID user;
  private UUID agent;
  private String bolnaAgentId;
  private final String executionId = "exec-" + UUID.randomUUID();

  @BeforeEach
  void setUp() {
    jdbc = JdbcClient.create(TestDatabase.freshDatabase());
    records = new CallRecords(jdbc, new ObjectMapper());
    TestRows rows = new TestRows(jdbc);
    user = rows.user(15, 2);
    UUID contact = rows.contact(user, "Ada", "+14155550177");
    agent = rows.agent(user);
    bolnaAgentId =
        jdbc.sql("SELECT bolna_agent_id FROM agents WHERE id = :id")
            .param("id", agent)
            .query(String.class)
            .single();
    callId =
        records.insertOutbound(
            agent, user, contact, null, executionId, "+14155550177", "k", "call-x");
  }

  private Map<String, Object> call() {
    return jdbc.sql(
            "SELECT call_lifecycle_status, ringing_started_at, call_answered_at,"
                + " call_disconnected_at, status, metadata::text AS metadata, call_source, lead_type FROM calls"
                + " WHERE id = :id")
        .param("id", callId)
        .query()
        .singleRow();
  }

  @Test
  void aRepeatedRingingKeepsTheFirstRingingTime() {
    records.moveLifecycle(executionId, "ringing");
    Timestamp first = (Timestamp) call().get("ringing_started_at");
    jdbc.sql("UPDATE calls SET ringing_started_at = ringing_started_at - interval '5 seconds'")
        .update();
    Timestamp moved = (Timestamp) call().get("ringing_started_at");

    records.moveLifecycle(executionId, "ringing");

    assertThat(first).isNotNull();
    assertThat(call().get("ringing_started_at")).isEqualTo(moved);
  }

  @Test
  void aLateRingingNeverTakesAnAnsweredCallBack() {
    records.moveLifecycle(executionId, "in-progress");
    records.moveLifecycle(executionId, "ringing");

    Map<String, Object> call = call();
    assertThat(call.get("call_lifecycle_status")).isEqualTo("in-progress");
    assertThat(call.get("call_answered_at")).isNotNull();
    assertThat(call.get("ringing_started_at"))
        .as("the ringing happened, even if its news came late")
        .isNotNull();
  }

  @Test
  void anOutboundCallIsRecordedInProgressWithTheAttemptThatPlacedIt() throws Exception {
    Map<String, Object> call = call();

    assertThat(call.get("status")).isEqualTo("in_progress");
    assertThat(call.get("call_lifecycle_status")).isEqualTo("queued");
    assertThat(call.get("call_source")).isEqualTo("phone");
    assertThat(call.get("lead_type")).isEqualTo("outbound");
    assertThat(new ObjectMapper().readTree((String) call.get("metadata")))
        .isEqualTo(
            new ObjectMapper().readTree("{\"attempt_key\": \"k\", \"workflow_id\": \"call-x\"}"));
    assertThat(records.findByExecution(executionId)).contains(callId);
    assertThat(records.findByExecution("exec-nobody")).isEmpty();
    assertThat(records.isInbound(executionId)).isFalse();
  }

  @Test
  void eachStatusMovesTheLifecycleForwardAndStampsItsOwnTime() {
    records.moveLifecycle(executionId, "initiated");
    assertThat(call().get("call_lifecycle_status")).isEqualTo("initiated");
    assertThat(call().get("ringing_started_at")).isNull();

    records.moveLifecycle(executionId, "ringing");
    assertThat(call()).containsEntry("call_lifecycle_status", "ringing");
    assertThat(call().get("call_answered_at")).isNull();

    records.moveLifecycle(executionId, "call-disconnected");
    Map<String, Object> call = call();
    assertThat(call.get("call_lifecycle_status")).isEqualTo("call-disconnected");
    assertThat(call.get("call_disconnected_at")).isNotNull();
    assertThat(call.get("call_answered_at")).as("nobody answered").isNull();

    // Neither an earlier status nor one Bolna made up moves it back.
    records.moveLifecycle(executionId, "queued");
    records.moveLifecycle(executionId, "balance-low");
    assertThat(call().get("call_lifecycle_status")).isEqualTo("call-disconnected");
  }

  @Test
  void aFinishedCallsLifecycleNoLongerMoves() {
    jdbc.sql("UPDATE calls SET status = 'completed' WHERE id = :id").param("id", callId).update();

    records.moveLifecycle(executionId, "ringing");

    assertThat(call().get("call_lifecycle_status")).isEqualTo("queued");
  }

  @Test
  void manyStatusesOfOneExecutionInOneBatchEndWhereTheyWouldOneAtATime() {
    records.moveLifecycles(
        List.of(
            new ProviderStatus(executionId, "in-progress"),
            new ProviderStatus(executionId, "ringing"),
            new ProviderStatus(executionId, "completed"),
            new ProviderStatus(executionId, "initiated")));

    Map<String, Object> call = call();
    assertThat(call.get("call_lifecycle_status")).isEqualTo("in-progress");
    assertThat(call.get("ringing_started_at")).isNotNull();
    assertThat(call.get("call_answered_at")).isNotNull();
    assertThat(call.get("call_disconnected_at")).isNull();
  }

  @Test
  void aBatchStampsNoTimeTwiceAndNeverMovesALifecycleBack() {
    records.moveLifecycle(executionId, "call-disconnected");
    jdbc.sql("UPDATE calls SET call_disconnected_at = call_disconnected_at - interval '5 seconds'")
        .update();
    Object disconnectedAt = call().get("call_disconnected_at");

    records.moveLifecycles(
        List.of(
            new ProviderStatus(executionId, "call-disconnected"),
            new ProviderStatus(executionId, "ringing")));

    assertThat(call())
        .containsEntry("call_lifecycle_status", "call-disconnected")
        .containsEntry("call_disconnected_at", disconnectedAt);
    assertThat(call().get("ringing_started_at")).isNotNull();
  }

  @Test
  void aBatchSaysWhichExecutionsHaveACallAndWhichOfThoseAreInbound() {
    String inboundExecution = "exec-in-batch";
    records.recordInbound(inbound(inboundExecution, "")).orElseThrow();

    CallRecords.RecordedCalls recorded =
        records.moveLifecycles(
            List.of(
                new ProviderStatus(executionId, "ringing"),
                new ProviderStatus("exec-nobody", "ringing"),
                new ProviderStatus(inboundExecution, "completed")));

    assertThat(recorded.executionIds()).containsExactlyInAnyOrder(executionId, inboundExecution);
    assertThat(recorded.inboundExecutionIds()).containsExactly(inboundExecution);
    assertThat(recorded.recorded("exec-nobody")).isFalse();
    assertThat(records.moveLifecycles(List.of()).executionIds()).isEmpty();
  }

  private BolnaExecution inbound(String execution, String extra) {
    return BolnaExecution.parse(
        """
        {"id": "%s", "agent_id": "%s", "status": "in-progress",
         "telephony_data": {"from_number": "+14155550123", "provider": "twilio"}%s}
        """
            .formatted(execution, bolnaAgentId, extra));
  }

  private Map<String, Object> row(UUID id) {
    return jdbc.sql(
            "SELECT c.user_id, c.agent_id, c.contact_id, c.phone_number, c.call_source,"
                + " c.lead_type, c.status, c.call_lifecycle_status, k.name,"
                + " k.is_auto_created, k.auto_created_from_call_id, k.auto_creation_source"
                + " FROM calls c JOIN contacts k ON k.id = c.contact_id WHERE c.id = :id")
        .param("id", id)
        .query()
        .singleRow();
  }

  @Test
  void anInboundCallToOurAgentIsRecordedWithTheCallerAsANewContact() {
    Inbound inbound =
        records
            .recordInbound(inbound("exec-in-1", ", \"extracted_data\": {\"name\": \"Grace\"}"))
            .orElseThrow();

    assertThat(inbound.userId()).isEqualTo(user);
    assertThat(inbound.agentId()).isEqualTo(agent);
    assertThat(inbound.caller()).isEqualTo("+14155550123");
    Map<String, Object> row = row(inbound.callId());
    assertThat(row)
        .containsEntry("user_id", user)
        .containsEntry("agent_id", agent)
        .containsEntry("contact_id", inbound.contactId())
        .containsEntry("phone_number", "+14155550123")
        .containsEntry("call_source", "phone")
        .containsEntry("lead_type", "inbound")
        .containsEntry("status", "in_progress")
        .containsEntry("call_lifecycle_status", "in-progress")
        .containsEntry("name", "Grace")
        .containsEntry("is_auto_created", true)
        .containsEntry("auto_created_from_call_id", inbound.callId())
        .containsEntry("auto_creation_source", "webhook");
    assertThat(records.isInbound("exec-in-1")).isTrue();
  }

  @Test
  void aRepeatedInboundReportFindsTheSameCallAndContact() {
    Inbound first = records.recordInbound(inbound("exec-in-2", "")).orElseThrow();
    Inbound again = records.recordInbound(inbound("exec-in-2", "")).orElseThrow();

    assertThat(again).isEqualTo(first);
    assertThat(row(first.callId())).containsEntry("name", "Caller +14155550123");
    assertThat(
            jdbc.sql("SELECT count(*) FROM calls WHERE bolna_execution_id = 'exec-in-2'")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aCallerWhoIsAlreadyAContactIsThatContact() {
    UUID known = new TestRows(jdbc).contact(user, "Known", "+14155550123");

    Inbound inbound = records.recordInbound(inbound("exec-in-3", "")).orElseThrow();

    assertThat(inbound.contactId()).isEqualTo(known);
    assertThat(row(inbound.callId()))
        .containsEntry("name", "Known")
        .containsEntry("is_auto_created", false);
  }

  @Test
  void theCallsSourceFollowsTheTelephonyProvider() {
    String web =
        """
        {"id": "exec-web", "agent_id": "%s", "status": "in-progress", "user_number": "+14155550124",
         "telephony_data": {"provider": "WebSocket"}}
        """
            .formatted(bolnaAgentId);
    String none =
        """
        {"id": "exec-none", "agent_id": "%s", "status": "in-progress", "user_number": "+14155550125"}
        """
            .formatted(bolnaAgentId);

    Inbound fromWeb = records.recordInbound(BolnaExecution.parse(web)).orElseThrow();
    Inbound fromNowhere = records.recordInbound(BolnaExecution.parse(none)).orElseThrow();

    assertThat(fromWeb.caller())
        .as("without a from number, the user's number")
        .isEqualTo("+14155550124");
    assertThat(row(fromWeb.callId())).containsEntry("call_source", "internet");
    assertThat(row(fromNowhere.callId())).containsEntry("call_source", "unknown");
  }

  @Test
  void anInboundCallOfAnotherAgentOrWithoutACallerIsNotRecorded() {
    String strangers =
        """
        {"id": "exec-x", "agent_id": "not-ours", "status": "in-progress",
         "telephony_data": {"from_number": "+14155550123"}}
        """;
    String anonymous =
        """
        {"id": "exec-y", "agent_id": "%s", "status": "in-progress"}
        """
            .formatted(bolnaAgentId);

    assertThat(records.recordInbound(BolnaExecution.parse(strangers))).isEqualTo(Optional.empty());
    assertThat(records.recordInbound(BolnaExecution.parse(anonymous))).isEmpty();
    assertThat(
            jdbc.sql("SELECT count(*) FROM calls WHERE lead_type = 'inbound'")
                .query(Integer.class)
                .single())
        .isZero();
  }
}
