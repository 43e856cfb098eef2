package dev.outdial.app.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Tools from outside the JDK some tests run (the Temporal CLI, schemathesis): named by an
 * environment variable or found on the PATH. Without one the test skips and says how to install it;
 * under {@code CI=true}, where {@code .ci/run} installs them, a missing tool fails it.
 */
public final class ExternalTools {

  private ExternalTools() {}

  /**
   * The command in {@code variable}, else {@code command}, when {@code <it> --version} runs;
   * otherwise the test is skipped (failed under CI=true) with {@code install}.
   */
  public static String requireOrSkip(String variable, String command, String install) {
    String tool = System.getenv().getOrDefault(variable, command);
    if (!runs(tool)) {
      if ("true".equals(System.getenv("CI"))) {
        fail(install + " (CI=true: this test must run)");
      }
      Assumptions.abort(install + "; skipped here");
    }
    return tool;
  }

  private static boolean runs(String tool) {
    try {
      Process version = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      version.getInputStream().readAllBytes();
      return version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
