package dev.outdial.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the app with its embedded defaults, as a fresh machine would, but with the Postgres data in
 * a temporary folder and Temporal on a free port, so tests never collide with a running platform.
 */
public abstract class EmbeddedDefaultsTestSupport {

  /** Called once per application context, so each context gets a cluster of its own. */
  @DynamicPropertySource
  static void embeddedDefaults(DynamicPropertyRegistry registry) {
    Path dataDir = temporaryDataDir();
    registry.add("outdial.postgres.embedded.data-dir", dataDir::toString);
    registry.add("outdial.temporal.embedded-port", () -> "0");
  }

  private static Path temporaryDataDir() {
    try {
      return Files.createTempDirectory("outdial-test-pg");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
