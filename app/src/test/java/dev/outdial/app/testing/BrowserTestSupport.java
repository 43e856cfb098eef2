package dev.outdial.app.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real browser: Debian's headless Chromium driven through its chromedriver, with
 * nothing downloaded. Without Chromium the tests skip and say how to install it; under {@code
 * CI=true} a missing Chromium fails them. Screenshots go to {@code target/screenshots/}, at 1280
 * and 390 pixels wide.
 */
public abstract class BrowserTestSupport extends ApiTestSupport {

  static final int WIDE = 1280;
  static final int NARROW = 390;

  protected static WebDriver browser;

  @BeforeAll
  static void startBrowser() throws IOException {
    browser = Chromium.startOrSkip(WIDE);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
      browser = null;
    }
  }

  @BeforeEach
  void signedOut() {
    open("/login");
    browser.manage().deleteAllCookies();
    browser.manage().window().setSize(new Dimension(WIDE, 900));
  }

  protected String url(String path) {
    return "http://localhost:" + port + path;
  }

  protected void open(String path) {
    browser.get(url(path));
  }

  protected WebElement find(String css) {
    return browser.findElement(By.cssSelector(css));
  }

  protected List<WebElement> findAll(String css) {
    return browser.findElements(By.cssSelector(css));
  }

  /** Types into the field whose label is {@code label}, as a person would find it. */
  protected void fill(String label, String value) {
    WebElement field = field(label);
    field.clear();
    field.sendKeys(value);
  }

  /**
   * Sets a field the way its picker would (time and date inputs take typed keys by locale), and
   * tells the page it changed.
   */
  protected void set(String label, String value) {
    ((JavascriptExecutor) browser)
        .executeScript(
            "arguments[0].value = arguments[1];"
                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            field(label),
            value);
  }

  protected void choose(String label, String visibleText) {
    new Select(field(label)).selectByVisibleText(visibleText);
  }

  protected WebElement field(String label) {
    WebElement labelElement =
        browser.findElement(
            By.xpath(
                "//label[normalize-space(text())='"
                    + label
                    + "' or starts-with(normalize-space(.), '"
                    + label
                    + "')]"));
    String id = labelElement.getAttribute("for");
    assertThat(id).as("the label '%s' names its field", label).isNotBlank();
    return browser.findElement(By.id(id));
  }

  /**
   * Clicks the button or link that reads {@code text}. When that leads to another page (a plain
   * form's submit button, a link), waits until the new page has loaded, so that what follows reads
   * the new page and not the one being left; htmx requests, confirmations and downloads don't wait.
   */
  protected void click(String text) {
    String literal = literal(text);
    WebElement target =
        browser.findElement(
            By.xpath(
                "//button[normalize-space(.)="
                    + literal
                    + "] | //a[normalize-space(.)="
                    + literal
                    + "] | //input[@type='submit' and @value="
                    + literal
                    + "]"));
    JavascriptExecutor js = (JavascriptExecutor) browser;
    boolean navigates = Boolean.TRUE.equals(js.executeScript(NAVIGATES, target));
    if (!navigates) {
      target.click();
      return;
    }
    js.executeScript("document.documentElement.dataset.leaving = 'yes'");
    target.click();
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                Boolean.TRUE.equals(
                    js.executeScript(
                        "return document.readyState === 'complete'"
                            + " && document.documentElement.dataset.leaving === undefined")));
  }

  private static final String NAVIGATES =
      """
      const e = arguments[0];
      if (e.closest('[hx-get],[hx-post],[hx-put],[hx-patch],[hx-delete],[hx-boost]')) return false;
      if (e.tagName === 'A') {
        const href = e.getAttribute('href') || '';
        return href !== '' && !href.startsWith('#') && !e.hasAttribute('download')
          && !href.includes('.csv') && e.target !== '_blank';
      }
      const form = e.form;
      if (!form || e.type !== 'submit') return false;
      return !form.hasAttribute('data-confirm') && !e.hasAttribute('data-confirm')
        && !form.hasAttribute('hx-post') && !form.hasAttribute('hx-get');
      """;

  /** {@code text} as an XPath string literal, whatever quotes it holds. */
  static String literal(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    if (!text.contains("\"")) {
      return "\"" + text + "\"";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }

  /** The page's text; a page still loading after a click is read again once it has. */
  protected String pageText() {
    for (int attempt = 0; ; attempt++) {
      try {
        return browser.findElement(By.tagName("body")).getText();
      } catch (StaleElementReferenceException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  protected String path() {
    String current = browser.getCurrentUrl();
    return current.substring(url("").length());
  }

  /** Waits until the browser is at {@code expected} (path and query), after a click navigates. */
  protected void awaitPath(String expected) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(path()).isEqualTo(expected));
  }

  protected void awaitText(String text) {
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreException(StaleElementReferenceException.class)
        .untilAsserted(() -> assertThat(pageText()).contains(text));
  }

  /** Signs up through the console's form; the browser ends on the overview, signed in. */
  protected TestUser signUpInBrowser(String name) {
    String email = name.toLowerCase().replace(' ', '.') + "-" + System.nanoTime() + "@example.com";
    String password = "a-long-password";
    open("/signup");
    fill("Your name", name);
    fill("Email", email);
    fill("Password", password);
    click("Create my account");
    awaitText("Hello, " + name);
    var id =
        jdbc.sql("SELECT id FROM users WHERE email = :email")
            .param("email", email)
            .query(java.util.UUID.class)
            .single();
    return new TestUser(id, email, password, null);
  }

  protected void signInInBrowser(String email, String password) {
    open("/login");
    fill("Email", email);
    fill("Password", password);
    click("Sign in");
  }

  /**
   * Writes the whole page at 1280 and at 390 pixels wide to {@code
   * target/screenshots/<TestClass>/<name>-<width>.png}, and checks that at neither width the page
   * scrolls sideways.
   */
  protected void screenshot(String name) {
    Path folder = Path.of("target", "screenshots", getClass().getSimpleName());
    try {
      Files.createDirectories(folder);
      for (int width : new int[] {WIDE, NARROW}) {
        browser.manage().window().setSize(new Dimension(width, 900));
        // A narrower page grows taller as it reflows: resize until the whole page fits.
        long fitted = 0;
        for (int round = 0; round < 4; round++) {
          long height =
              Math.min(
                  (Long)
                      ((JavascriptExecutor) browser)
                          .executeScript(
                              "return Math.max(document.body.scrollHeight,"
                                  + " document.documentElement.scrollHeight)"),
                  8000);
          if (height == fitted) {
            break;
          }
          fitted = height;
          browser.manage().window().setSize(new Dimension(width, (int) height + 20));
        }
        long overflow =
            (Long)
                ((JavascriptExecutor) browser)
                    .executeScript(
                        "return document.documentElement.scrollWidth -"
                            + " document.documentElement.clientWidth");
        assertThat(overflow)
            .as("%s at %d px scrolls sideways by %d px", name, width, overflow)
            .isLessThanOrEqualTo(0);
        Path shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(
            shot, folder.resolve(name + "-" + width + ".png"), StandardCopyOption.REPLACE_EXISTING);
      }
      browser.manage().window().setSize(new Dimension(WIDE, 900));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
