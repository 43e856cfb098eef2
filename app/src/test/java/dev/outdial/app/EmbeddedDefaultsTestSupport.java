package dev.outdial.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the app with its embedded defaults, as a fresh machine would, but with the Postgres data in
 * a temporary folder, deleted when the context stops, and Temporal (the Java test server) on a free
 * port, so tests never collide with a running platform.
 */
public abstract class EmbeddedDefaultsTestSupport {

  /** Called once per application context, so each context gets a cluster of its own. */
  @DynamicPropertySource
  static void embeddedDefaults(DynamicPropertyRegistry registry) {
    Path dataDir = temporaryDataDir();
    registry.add("outdial.postgres.embedded.data-dir", dataDir::toString);
    registry.add("outdial.postgres.embedded.delete-on-stop", () -> "true");
    registry.add("outdial.temporal.embedded-port", () -> "0");
    // The test server, in the test's own memory: a context starts in seconds, whether or not the
    // machine has the Temporal CLI (the development server's own tier is EmbeddedDevServerIT).
    registry.add("outdial.temporal.embedded", () -> "test-server");
    // The contexts are closed when the test JVM exits, after every test: a call still waiting on
    // a worker then has nothing left to finish for, and the JVM is given 30 s in all to exit.
    registry.add("outdial.worker.shutdown-grace", () -> "1s");
  }

  private static Path temporaryDataDir() {
    try {
      // Under the build's own folder, so that what a killed test JVM leaves goes with a clean.
      return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "test-pg-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
