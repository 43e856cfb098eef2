package dev.outdial.app.temporal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's development server ({@code temporal server start-dev}) as a child of the app: the real
 * server, with its state in a SQLite file kept across restarts and its Web UI, both on 127.0.0.1.
 *
 * <p>It runs under a small shell that reads the app's end of a pipe and stops the server when that
 * pipe closes, which happens when the app stops or dies in any way, so a crashed app leaves no
 * server behind. Should one survive anyway (a shell killed with it), its process id is in a file
 * beside the database, and the next start stops it before starting its own.
 */
public final class EmbeddedDevServer implements EmbeddedTemporal {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDevServer.class);

  /** Stops the server when its standard input ends: when the app closes it or is gone. */
  private static final String WATCHDOG =
      """
      "$@" &
      server=$!
      while read -r _; do :; done
      kill -TERM "$server" 2>/dev/null
      wait "$server"
      """;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final Process watchdog;
  private final String target;
  private final String webUiUrl;
  private final Path database;
  private final Path pidFile;
  private final String version;

  private EmbeddedDevServer(
      Process watchdog,
      String target,
      String webUiUrl,
      Path database,
      Path pidFile,
      String version) {
    this.watchdog = watchdog;
    this.target = target;
    this.webUiUrl = webUiUrl;
    this.database = database;
    this.pidFile = pidFile;
    this.version = version;
  }

  /**
   * Starts the server and waits until its frontend accepts connections.
   *
   * @param port the frontend's port on 127.0.0.1, 0 for a free one
   * @param uiPort the Web UI's port on 127.0.0.1, 0 for a free one
   * @param database the SQLite file of its state
   * @param searchAttributes keyword search attributes to register
   */
  public static EmbeddedDevServer start(
      TemporalCli cli, int port, int uiPort, Path database, List<String> searchAttributes) {
    Path db = database.toAbsolutePath().normalize();
    Path pidFile = db.resolveSibling(db.getFileName() + ".pid");
    Path logFile = db.resolveSibling(db.getFileName() + ".log");
    try {
      Files.createDirectories(db.getParent());
      stopLeftover(pidFile);
      int frontend = port == 0 ? freePort() : port;
      int ui = uiPort == 0 ? freePort() : uiPort;
      List<String> command =
          new ArrayList<>(
              List.of(
                  "sh",
                  "-c",
                  WATCHDOG,
                  "outdial-temporal",
                  cli.path().toString(),
                  "server",
                  "start-dev",
                  "--ip",
                  "127.0.0.1",
                  "--port",
                  String.valueOf(frontend),
                  "--ui-port",
                  String.valueOf(ui),
                  "--db-filename",
                  db.toString(),
                  "--ui-disable-news-fetch",
                  "--log-level",
                  "warn"));
      for (String attribute : searchAttributes) {
        command.add("--search-attribute");
        command.add(attribute + "=Keyword");
      }
      Process watchdog =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
      EmbeddedDevServer server =
          new EmbeddedDevServer(
              watchdog,
              "127.0.0.1:" + frontend,
              "http://localhost:" + ui,
              db,
              pidFile,
              cli.version());
      server.awaitListening(frontend, logFile);
      server.writePid();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the Temporal development server", e);
    }
  }

  private void awaitListening(int port, Path logFile) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (!listening(port)) {
      if (!watchdog.isAlive() || Instant.now().isAfter(deadline)) {
        close();
        throw new IllegalStateException(
            "The Temporal development server did not start on 127.0.0.1:"
                + port
                + " (is the port taken? set OUTDIAL_TEMPORAL_EMBEDDED_PORT and"
                + " OUTDIAL_TEMPORAL_UI_PORT to free ones, or 0). Its log, "
                + logFile
                + ", ends with:\n"
                + tail(logFile));
      }
      try {
        // Between two looks at the port, wait on the server's end: its death is seen at once.
        watchdog.waitFor(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("Interrupted while the Temporal server started", e);
      }
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String tail(Path logFile) {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void writePid() throws IOException {
    Optional<ProcessHandle> server = watchdog.children().findFirst();
    if (server.isPresent()) {
      Files.writeString(pidFile, Long.toString(server.get().pid()));
    }
  }

  /** Stops a server an earlier run of the app left on this database, if there is one. */
  static void stopLeftover(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    String text = Files.readString(pidFile).strip();
    Files.delete(pidFile);
    Optional<ProcessHandle> leftover;
    try {
      leftover = ProcessHandle.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return;
    }
    if (leftover.isEmpty()
        || !leftover.get().isAlive()
        || !leftover.get().info().commandLine().orElse("").contains("start-dev")) {
      return;
    }
    log.warn(
        "A Temporal development server left by an earlier run (pid {}) is still running: stopping"
            + " it",
        text);
    ProcessHandle process = leftover.get();
    process.destroy();
    try {
      process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public String description() {
    return "Temporal's development server ("
        + version
        + ") on "
        + target
        + ", its state in "
        + database
        + ", Web UI at "
        + webUiUrl;
  }

  @Override
  public Optional<String> webUiUrl() {
    return Optional.of(webUiUrl);
  }

  /** The watchdog shell; it ends after the server. */
  Process process() {
    return watchdog;
  }

  @Override
  public void close() {
    List<ProcessHandle> descendants = watchdog.descendants().toList();
    try {
      watchdog.getOutputStream().close();
    } catch (IOException e) {
      // Closed already: the watchdog is stopping the server.
    }
    try {
      if (!watchdog.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        log.warn("The Temporal development server did not stop in {}: killing it", STOP_TIMEOUT);
        descendants.forEach(ProcessHandle::destroyForcibly);
        watchdog.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      descendants.forEach(ProcessHandle::destroyForcibly);
      watchdog.destroyForcibly();
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      log.debug("Could not delete {}: {}", pidFile, e.getMessage());
    }
  }
}
