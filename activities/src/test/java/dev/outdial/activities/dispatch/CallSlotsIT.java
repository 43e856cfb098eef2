package dev.outdial.activities.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
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
}
