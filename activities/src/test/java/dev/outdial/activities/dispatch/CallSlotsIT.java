package dev.outdial.activities.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.QueryPlan;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import java.time.LocalTime;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The slot counts and limits the gate, the allocator and the operators' gauges read. */
class CallSlotsIT {

  private JdbcClient jdbc;
  private CallSlots slots;
  private TestRows rows;

  @BeforeEach
  void freshDatabase() {
    jdbc = JdbcClient.create(TestDatabase.freshDatabase());
    slots = new CallSlots(jdbc);
    rows = new TestRows(jdbc);
  }

  private void config(String key, String value) {
    jdbc.sql(
            """
            INSERT INTO system_config (key, value) VALUES (:k, CAST(:v AS jsonb))
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
            """)
        .param("k", key)
        .param("v", value)
        .update();
  }

  private void callInProgress(UUID user) {
    jdbc.sql(
            """
            INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number, status)
            VALUES (:agent, :user, :exec, '+12125550190', 'in_progress')
            """)
        .param("agent", rows.agent(user))
        .param("user", user)
        .param("exec", "exec-" + UUID.randomUUID())
        .update();
  }

  private void oneOffGivenASlot(UUID user) {
    jdbc.sql(
            """
            INSERT INTO call_requests (workflow_id, user_id, agent_id, phone_number, max_attempts,
                                       retry_delay_seconds, status)
            VALUES (:w, :u, :a, '+12125550191', 1, 60, 'processing')
            """)
        .param("w", "call-adhoc-" + UUID.randomUUID())
        .param("u", user)
        .param("a", rows.agent(user))
        .update();
  }

  @Test
  void thePlatformLimitIsTheSmallerOfTheSystemSettingAndTheProvidersOwn() {
    config("system_concurrent_calls_limit", "25");
    assertThat(slots.limits().system()).isEqualTo(25);
    assertThat(slots.limits().provider()).isEmpty();
    assertThat(slots.platformLimit()).isEqualTo(25);

    config(CallSlots.PROVIDER_LIMIT_KEY, "8");
    assertThat(slots.limits().provider()).isEqualTo(OptionalInt.of(8));
    assertThat(slots.platformLimit()).isEqualTo(8);
    assertThat(slots.limits().system()).isEqualTo(25);
  }

  @Test
  void theSystemLimitIsTenWhenNeverSet() {
    jdbc.sql("DELETE FROM system_config WHERE key = 'system_concurrent_calls_limit'").update();
    assertThat(slots.limits().system()).isEqualTo(10);
    assertThat(slots.platformLimit()).isEqualTo(10);
  }

  @Test
  void onlyActiveUsersWhoseSlotsFillTheirOwnLimitAreAtTheirLimit() {
    UUID full = rows.user(100, 2);
    callInProgress(full);
    oneOffGivenASlot(full);
    UUID withRoom = rows.user(100, 3);
    callInProgress(withRoom);
    callInProgress(withRoom);
    UUID idle = rows.user(100, 1);
    UUID deactivated = rows.user(100, 1);
    callInProgress(deactivated);
    jdbc.sql("UPDATE users SET is_active = false WHERE id = :id").param("id", deactivated).update();

    assertThat(slots.usersAtLimit()).isEqualTo(1);
    assertThat(slots.active(full)).isEqualTo(2);
    assertThat(slots.active(withRoom)).isEqualTo(2);
    assertThat(slots.active(idle)).isZero();
    assertThat(slots.active(null)).isEqualTo(5);

    callInProgress(withRoom);
    assertThat(slots.usersAtLimit()).isEqualTo(2);
  }

  @Test
  void theCountsOfEveryDialReadTheSlotsHeldNotEveryCallEverMade() throws Exception {
    UUID user = rows.user(100_000, 100);
    UUID agent = rows.agent(user);
    UUID campaign =
        rows.activeCampaign(user, agent, LocalTime.of(9, 0), LocalTime.of(17, 0), "UTC");
    // A large campaign well under way: 20,000 calls made and done, four still being placed.
    jdbc.sql(
            """
            INSERT INTO contacts (user_id, name, phone_number)
            SELECT :u, 'Contact ' || i, '+1212' || lpad(i::text, 7, '0')
            FROM generate_series(1, 20000) i
            """)
        .param("u", user)
        .update();
    jdbc.sql(
            """
            INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                                    status, position, scheduled_for)
            SELECT :u, :c, :a, id, phone_number,
                   CASE WHEN row_number() OVER () <= 4 THEN 'processing' ELSE 'completed' END,
                   row_number() OVER (), now()
            FROM contacts WHERE user_id = :u
            """)
        .param("u", user)
        .param("c", campaign)
        .param("a", agent)
        .update();
    jdbc.sql(
            """
            INSERT INTO call_attempts (attempt_key, workflow_id, user_id, agent_id, phone_number,
                                       status)
            SELECT 'attempt-' || i, 'call-' || i, :u, :a, '+12125550100',
                   CASE WHEN i <= 4 THEN 'placing' ELSE 'placed' END
            FROM generate_series(1, 20000) i
            """)
        .param("u", user)
        .param("a", agent)
        .update();
    jdbc.sql("ANALYZE call_queue").update();
    jdbc.sql("ANALYZE call_attempts").update();

    assertThat(slots.dialed(user)).isEqualTo(4);
    assertThat(slots.active(user)).isEqualTo(4);
    for (UUID whose : new UUID[] {user, null}) {
      for (String query : List.of(CallSlots.DIALED, CallSlots.ACTIVE)) {
        QueryPlan plan =
            QueryPlan.of(
                jdbc.sql("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + query)
                    .param("userId", whose)
                    .query(String.class)
                    .single());
        assertThat(plan.scansOf("call_attempts", "call_queue"))
            .as(plan.toString())
            .isNotEmpty()
            .allSatisfy(
                scan -> {
                  String table = scan.path("Relation Name").asText();
                  assertThat(
                          scan.path("Rows Removed by Filter").asLong()
                              + scan.path("Rows Removed by Index Recheck").asLong())
                      .as("rows of %s read and thrown away", table)
                      .isLessThanOrEqualTo(20);
                  assertThat(
                          scan.path("Shared Hit Blocks").asLong()
                              + scan.path("Shared Read Blocks").asLong())
                      .as("pages of %s read", table)
                      .isLessThanOrEqualTo(20);
                });
      }
    }
  }
}
