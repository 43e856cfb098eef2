package dev.outdial.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.ApiTestSupport;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class HotPathJdbcIT extends ApiTestSupport {

  @Autowired private HotPathJdbc hotPath;
  @Autowired private TransactionTemplate transaction;

  /** Runs one statement ten times on one connection; answers how many of it Postgres holds. */
  private long preparedOnTheServer(JdbcClient client) {
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    String sql = "SELECT count(*) AS " + marker + " FROM users WHERE id = :id";
    return transaction.execute(
        status -> {
          for (int run = 0; run < 10; run++) {
            client.sql(sql).param("id", UUID.randomUUID()).query(Long.class).single();
          }
          return client
              .sql("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE :pattern")
              .param("pattern", "%" + marker + "%")
              .query(Long.class)
              .single();
        });
  }

  @Test
  void theCallingPathKeepsItsStatementsPreparedOnTheServerOnceTheyAreReused() {
    assertThat(preparedOnTheServer(hotPath.jdbc())).isEqualTo(1);
  }

  @Test
  void everyOtherStatementIsPlannedWithItsOwnValues() {
    assertThat(preparedOnTheServer(jdbc)).isZero();
  }
}
