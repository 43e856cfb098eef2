package dev.outdial.activities.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The user_kpi refresh on real Postgres: only when something changed, and then promptly. */
class KpiRefresherIT {

  private JdbcClient jdbc;
  private KpiRefresher refresher;
  private TestRows rows;

  @BeforeEach
  void setUp() {
    DataSource dataSource = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(dataSource);
    refresher = new KpiRefresher(jdbc, new DataSourceTransactionManager(dataSource));
    rows = new TestRows(jdbc);
  }

  private long totalCalls(UUID user) {
    return jdbc.sql("SELECT total_calls FROM user_kpi WHERE user_id = :u")
        .param("u", user)
        .query(Long.class)
        .optional()
        .orElse(-1L);
  }

  @Test
  void aFinishedCallShowsAfterARefreshAndAnUnchangedDatabaseIsNotRefreshedAgain() {
    UUID user = rows.user(15, 2);
    UUID agent = rows.agent(user);
    jdbc.sql(
            """
            INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number, status,
                               duration_seconds, credits_used)
            VALUES (:a, :u, 'e-kpi', '+14155550100', 'completed', 90, 2)
            """)
        .param("a", agent)
        .param("u", user)
        .update();

    boolean refreshed = refresher.refreshIfChanged();
    boolean again = refresher.refreshIfChanged();

    assertThat(refreshed).isTrue();
    assertThat(totalCalls(user)).isEqualTo(1);
    assertThat(again).as("nothing changed since").isFalse();
    assertThat(
            jdbc.sql("SELECT total_credits_used FROM user_kpi WHERE user_id = :u")
                .param("u", user)
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void callLifecycleUpdatesDoNotAskForARefreshButTheirEndDoes() {
    UUID user = rows.user(15, 2);
    UUID agent = rows.agent(user);
    jdbc.sql(
            """
            INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number)
            VALUES (:a, :u, 'e-live', '+14155550101')
            """)
        .param("a", agent)
        .param("u", user)
        .update();
    refresher.refreshIfChanged();

    jdbc.sql("UPDATE calls SET ringing_started_at = now(), call_lifecycle_status = 'ringing'")
        .update();
    boolean afterRinging = refresher.refreshIfChanged();
    jdbc.sql("UPDATE calls SET status = 'failed'").update();
    boolean afterEnd = refresher.refreshIfChanged();

    assertThat(afterRinging).isFalse();
    assertThat(afterEnd).isTrue();
    assertThat(
            jdbc.sql("SELECT failed_calls FROM user_kpi WHERE user_id = :u")
                .param("u", user)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }
}
