package dev.outdial.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.outdial.app.testing.BrowserTestSupport;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.openqa.selenium.WebElement;

/**
 * Waiting for the page a form submission loads: the old page's elements go stale while the new one
 * arrives, so these waits retry through that.
 */
abstract class ConsoleTestSupport extends BrowserTestSupport {

  /** Waits until the page shows {@code text}. */
  protected void see(String text) {
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(pageText()).contains(text));
  }

  /** Waits for an element of the page to be there, and answers it. */
  protected WebElement awaitFind(String css) {
    AtomicReference<WebElement> found = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> {
              found.set(find(css));
              return found.get().isDisplayed();
            });
    return found.get();
  }

  /** The page's key figures as read, in lower case (their labels are shown in capitals). */
  protected String kpis() {
    return find(".kpis").getText().toLowerCase(Locale.ROOT);
  }
}
