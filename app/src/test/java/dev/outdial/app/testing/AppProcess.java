package dev.outdial.app.testing;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An app node as an operating-system process of its own: the JVM running the tests starts it with
 * the same classpath and these settings, waits for its health, and stops it with SIGTERM (or kills
 * it). Its output goes to {@code target/nodes/<name>.log}.
 */
public final class AppProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;
  private final int port;

  private AppProcess(String name, Process process, Path log, int port) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * The test JVM's class path without the test-only OpenID Connect provider, whose logback.xml
   * would otherwise be taken as the node's logging configuration.
   */
  static String nodeClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("mock-oauth2-server"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Starts the main class with the settings (as --key=value) and waits until it is healthy. */
  public static AppProcess start(String name, String mainClass, Map<String, ?> settings) {
    return start(name, mainClass, settings, AppNodes.freePort());
  }

  /** Starts it on this port: a node started again where the simulator's webhooks still go. */
  public static AppProcess start(String name, String mainClass, Map<String, ?> settings, int port) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-Dliquibase.analytics.enabled=false");
    command.add("-cp");
    command.add(nodeClassPath());
    command.add(mainClass);
    command.add("--server.port=" + port);
    settings.forEach((key, value) -> command.add("--" + key + "=" + value));
    try {
      Path directory = Files.createDirectories(Path.of("target", "nodes"));
      Path log = directory.resolve(name + ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      AppProcess node = new AppProcess(name, process, log, port);
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> node.exited() || node.healthy());
      if (node.exited()) {
        throw new IllegalStateException(name + " exited at start:\n" + node.output());
      }
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  private boolean exited() {
    return !process.isAlive();
  }

  private boolean healthy() {
    try {
      return HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Sends SIGTERM and waits for the node to exit; answers its exit code. */
  public int terminate() {
    process.destroy();
    try {
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not stop within 90 s of SIGTERM");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Kills the node with SIGKILL, as a crash or the kernel's OOM killer would, and waits. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " still runs 30 s after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Everything the node wrote so far. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
