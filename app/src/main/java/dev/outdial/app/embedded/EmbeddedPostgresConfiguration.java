package dev.outdial.app.embedded;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL from a Maven artifact when no datasource URL is configured, so the
 * platform runs on a fresh machine with no set-up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);
  private static final String SUPERUSER = "postgres";

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
    var dataDir = properties.dataDir().toAbsolutePath().normalize();
    Files.createDirectories(dataDir);
    var builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(properties.deleteOnStop())
            // Stopped by the context, after everything that uses it, not by a JVM hook of its
            // own that would pull it away from work still finishing.
            .setRegisterShutdownHook(false)
            .setServerConfig("max_connections", "200")
            // The library turns it off for fast tests; here a commit is a promise (a webhook is
            // answered once it is stored, a debit once it is in the ledger) and must survive a
            // crash of Postgres or of the machine, as on a real Postgres.
            .setServerConfig("synchronous_commit", "on");
    if (properties.port() != 0) {
      builder.setPort(properties.port());
    }
    EmbeddedPostgres postgres;
    try {
      postgres = builder.start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Could not start the embedded Postgres in "
              + dataDir
              + " (is another Outdial using it? set outdial.postgres.embedded.data-dir to another"
              + " folder, or SPRING_DATASOURCE_URL for a real Postgres)",
          e);
    }
    createDatabaseIfMissing(postgres.getPostgresDatabase(), properties.database());
    log.info(
        "Embedded Postgres listening on localhost:{}, data in {}", postgres.getPort(), dataDir);
    return postgres;
  }

  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedPostgresProperties properties) {
    return DataSourceBuilder.create()
        .type(HikariDataSource.class)
        .url(postgres.getJdbcUrl(SUPERUSER, properties.database()))
        .username(SUPERUSER)
        .build();
  }

  private static void createDatabaseIfMissing(DataSource admin, String database) {
    try (Connection connection = admin.getConnection();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        // A database name cannot be a bind parameter; it comes from our own configuration.
        create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
      }
      log.info("Created database {} in the embedded Postgres", database);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not prepare database " + database, e);
    }
  }
}
