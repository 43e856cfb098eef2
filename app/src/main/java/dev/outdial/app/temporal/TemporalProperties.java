package dev.outdial.app.temporal;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Temporal is.
 *
 * @param target host:port of a real Temporal frontend; empty starts an embedded one
 * @param namespace the namespace our workflows live in
 * @param embedded which embedded Temporal runs when no target is set
 * @param cli the Temporal CLI that runs the development server: a name looked up on the PATH or a
 *     path
 * @param embeddedPort the embedded frontend's port on 127.0.0.1; 0 picks a free one
 * @param uiPort the embedded development server's Web UI port on 127.0.0.1; 0 picks a free one
 * @param embeddedDb the development server's SQLite file, kept across restarts
 * @param embeddedRetention how long the Java test server remembers a closed workflow (a real
 *     Temporal's namespace retention); it otherwise keeps every one in memory until the app stops
 * @param uiUrl the address of Temporal Web UI for this server, such as {@code
 *     http://localhost:8088}; the console links campaigns and calls to their workflows there.
 *     Empty: the embedded development server's own Web UI, or no links
 */
@ConfigurationProperties("outdial.temporal")
public record TemporalProperties(
    @DefaultValue("") String target,
    @DefaultValue("default") String namespace,
    @DefaultValue("auto") EmbeddedTemporalKind embedded,
    @DefaultValue("temporal") String cli,
    @DefaultValue("7233") int embeddedPort,
    @DefaultValue("8233") int uiPort,
    @DefaultValue("./.outdial/temporal.db") Path embeddedDb,
    @DefaultValue("") String uiUrl,
    @DefaultValue("5m") Duration embeddedRetention) {}
