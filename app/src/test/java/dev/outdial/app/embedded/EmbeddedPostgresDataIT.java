package dev.outdial.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

class EmbeddedPostgresDataIT {

  private final EmbeddedPostgresConfiguration configuration = new EmbeddedPostgresConfiguration();

  @Test
  void byDefaultTheDataOutlivesTheAppSoARestartFindsIt(@TempDir Path folder) throws Exception {
    var properties = new EmbeddedPostgresProperties(folder.resolve("pg"), 0, "outdial", false);

    try (EmbeddedPostgres first = configuration.embeddedPostgres(properties)) {
      JdbcClient.create(first.getDatabase("postgres", "outdial"))
          .sql("CREATE TABLE kept (id int)")
          .update();
    }
    try (EmbeddedPostgres second = configuration.embeddedPostgres(properties)) {
      var tables =
          JdbcClient.create(second.getDatabase("postgres", "outdial"))
              .sql("SELECT count(*) FROM pg_tables WHERE tablename = 'kept'")
              .query(Long.class)
              .single();
      assertThat(tables).isEqualTo(1);
    }
  }

  @Test
  void aThrowawayClusterDeletesItsDataWhenItStops(@TempDir Path folder) throws Exception {
    Path dataDir = folder.resolve("pg");
    var properties = new EmbeddedPostgresProperties(dataDir, 0, "outdial", true);

    try (EmbeddedPostgres postgres = configuration.embeddedPostgres(properties)) {
      assertThat(dataDir.resolve("PG_VERSION")).exists();
    }

    assertThat(Files.exists(dataDir)).as("data folder %s after the stop", dataDir).isFalse();
  }

  @Test
  void aCommitIsOnDiskBeforeItIsAcknowledged(@TempDir Path folder) throws Exception {
    var properties = new EmbeddedPostgresProperties(folder.resolve("pg"), 0, "outdial", true);

    try (EmbeddedPostgres postgres = configuration.embeddedPostgres(properties)) {
      var synchronousCommit =
          JdbcClient.create(postgres.getDatabase("postgres", "outdial"))
              .sql("SHOW synchronous_commit")
              .query(String.class)
              .single();
      // Off, a webhook answered as stored could be gone after a crash of Postgres.
      assertThat(synchronousCommit).isEqualTo("on");
    }
  }
}
