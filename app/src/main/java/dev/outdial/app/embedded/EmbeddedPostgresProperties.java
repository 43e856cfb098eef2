package dev.outdial.app.embedded;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded Postgres used when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the cluster lives; kept across restarts so a restart keeps the data
 * @param port the port to listen on; 0 picks a free one at each start
 * @param database the database the app uses inside the cluster
 * @param deleteOnStop delete the data folder when the app stops: for tests and benchmarks, whose
 *     clusters are thrown away and would otherwise fill the disk one run at a time
 */
@ConfigurationProperties("outdial.postgres.embedded")
public record EmbeddedPostgresProperties(
    @DefaultValue("./.outdial/pg") Path dataDir,
    @DefaultValue("0") int port,
    @DefaultValue("outdial") String database,
    @DefaultValue("false") boolean deleteOnStop) {}
