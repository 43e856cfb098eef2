package dev.outdial.activities.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Embedded Postgres for tests, with the real Liquibase changelog applied.
 *
 * <p>One server is started per JVM, on first use, on a random port with its data in a temporary
 * directory (removed at JVM exit). The changelog is applied once, to the database {@value
 * #TEMPLATE_DATABASE}; {@link #freshDatabase()} then copies that database with {@code CREATE
 * DATABASE ... TEMPLATE}, which takes milliseconds, so every test class can own a clean schema
 * without paying for a server start or a migration run.
 */
public final class TestDatabase {

  /** The classpath location of the master changelog, as the application uses it. */
  public static final String MASTER_CHANGELOG = "db/changelog/db.changelog-master.yaml";

  /** The database holding the migrated schema that every fresh database is copied from. */
  public static final String TEMPLATE_DATABASE = "outdial_template";

  private static final String USER = "postgres";
  private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();

  private TestDatabase() {}

  /**
   * Creates a new, empty database with the full schema, copied from the migrated template.
   *
   * @return a data source for the new database; each call returns a different database
   */
  public static DataSource freshDatabase() {
    String name = "outdial_test_" + DATABASE_COUNTER.incrementAndGet();
    EmbeddedPostgres postgres = Server.POSTGRES;
    // Copying works only while nobody is connected to the template, so nothing here keeps a
    // connection to it open.
    execute(
        postgres.getPostgresDatabase(),
        "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE_DATABASE);
    return postgres.getDatabase(USER, name);
  }

  /**
   * Creates a new database with no schema at all, as an operator's freshly created Postgres
   * database would be.
   */
  public static DataSource emptyDatabase() {
    String name = "outdial_empty_" + DATABASE_COUNTER.incrementAndGet();
    EmbeddedPostgres postgres = Server.POSTGRES;
    execute(postgres.getPostgresDatabase(), "CREATE DATABASE " + name + " TEMPLATE template0");
    return postgres.getDatabase(USER, name);
  }

  /**
   * The JDBC URL of a database returned by {@link #freshDatabase()}, for code that is configured by
   * URL (such as {@code spring.datasource.url}).
   */
  public static String jdbcUrl(DataSource dataSource) {
    if (dataSource instanceof PGSimpleDataSource pg) {
      return pg.getURL();
    }
    throw new IllegalArgumentException("Not a data source from TestDatabase: " + dataSource);
  }

  /** The user name to connect with; the embedded server needs no password. */
  public static String username() {
    return USER;
  }

  /**
   * Applies the master changelog to the given database with Liquibase's update command, exactly as
   * the application will at start-up. Already-applied changesets are skipped.
   */
  public static void applyChangelog(DataSource dataSource) {
    // Liquibase 4.30+ reports usage to a remote server unless told not to; tests stay offline.
    Map<String, Object> scope =
        Map.of(
            Scope.Attr.resourceAccessor.name(),
            new ClassLoaderResourceAccessor(TestDatabase.class.getClassLoader()),
            AnalyticsArgs.ENABLED.getKey(),
            false);
    try (Connection connection = dataSource.getConnection()) {
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      Scope.child(
          scope,
          () ->
              new CommandScope(UpdateCommandStep.COMMAND_NAME)
                  .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                  .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, MASTER_CHANGELOG)
                  .execute());
    } catch (Exception e) {
      throw new IllegalStateException("Could not apply " + MASTER_CHANGELOG, e);
    }
  }

  private static void execute(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Failed: " + sql, e);
    }
  }

  /** Holder idiom: the server starts when first needed and is shared by the whole JVM. */
  private static final class Server {
    static final EmbeddedPostgres POSTGRES = start();

    private static EmbeddedPostgres start() {
      EmbeddedPostgres postgres;
      try {
        // Random port and a temporary, cleaned-up data directory are the builder's defaults.
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start embedded Postgres", e);
      }
      execute(postgres.getPostgresDatabase(), "CREATE DATABASE " + TEMPLATE_DATABASE);
      applyChangelog(postgres.getDatabase(USER, TEMPLATE_DATABASE));
      return postgres;
    }
  }
}
