package dev.outdial.app.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its chromedriver, with nothing downloaded. Without
 * Chromium the test skips and says how to install it; under {@code CI=true} a missing Chromium
 * fails it.
 */
public final class Chromium {

  static final Path CHROMIUM = Path.of(System.getProperty("outdial.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("outdial.chromedriver", "/usr/bin/chromedriver"));
  static final String INSTALL =
      "Browser tests need Debian's Chromium and its driver: apt-get install chromium"
          + " chromium-driver";

  private Chromium() {}

  /** A browser with a fresh profile, {@code width} pixels wide, or the test skipped. */
  public static WebDriver startOrSkip(int width) throws IOException {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      if ("true".equals(System.getenv("CI"))) {
        fail(INSTALL + " (CI=true: these tests must run)");
      }
      Assumptions.abort(INSTALL + "; skipped here");
    }
    Path profile = Files.createTempDirectory("outdial-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile,
        "--window-size=" + width + ",900");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    WebDriver browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return browser;
  }
}
