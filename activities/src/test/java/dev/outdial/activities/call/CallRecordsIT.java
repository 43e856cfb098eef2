package dev.outdial.activities.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import java.sql.Timestamp;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bolna's statuses move a call's lifecycle forward only, and keep the first time of each. */
class CallRecordsIT {

  private JdbcClient jdbc;
  private CallRecords records;
  private UUID callId;
  private final String executionId = "exec-" + UUID.randomUUID();

  @BeforeEach
  void setUp() {
    jdbc = JdbcClient.create(TestDatabase.freshDatabase());
    records = new CallRecords(jdbc, new ObjectMapper());
    TestRows rows = new TestRows(jdbc);
    UUID user = rows.user(15, 2);
    UUID contact = rows.contact(user, "Ada", "+14155550177");
    callId =
        records.insertOutbound(
            rows.agent(user), user, contact, null, executionId, "+14155550177", "k", "call-x");
  }

  private Map<String, Object> call() {
    return jdbc.sql(
            "SELECT call_lifecycle_status, ringing_started_at, call_answered_at FROM calls"
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
}
