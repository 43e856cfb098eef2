package dev.outdial.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With SPRING_DATASOURCE_URL set, the app uses that Postgres and creates the schema there. */
@SpringBootTest
class RealPostgresIT {

  private static final DataSource EMPTY_DATABASE = TestDatabase.emptyDatabase();

  @DynamicPropertySource
  static void realPostgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> TestDatabase.jdbcUrl(EMPTY_DATABASE));
    registry.add("spring.datasource.username", TestDatabase::username);
    registry.add("outdial.temporal.embedded-port", () -> "0");
    registry.add("outdial.temporal.embedded", () -> "test-server");
    // Outside the embedded defaults the app refuses to start without a shared token secret.
    registry.add("outdial.jwt.secret", () -> "a-shared-secret-of-at-least-32-characters");
    // Closed only when the test JVM exits, after every test: nothing is left to finish for.
    registry.add("outdial.worker.shutdown-grace", () -> "1s");
  }

  @Autowired ApplicationContext context;

  @Test
  void theSchemaIsCreatedInTheConfiguredDatabaseAndNoEmbeddedPostgresStarts() {
    List<String> tables =
        JdbcClient.create(EMPTY_DATABASE)
            .sql(
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
            .query(String.class)
            .list();

    assertThat(context.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
    assertThat(tables)
        .contains(
            "users",
            "agents",
            "calls",
            "contacts",
            "call_campaigns",
            "call_queue",
            "transcripts",
            "lead_analytics",
            "credit_transactions",
            "agent_analytics",
            "databasechangelog");
  }
}
