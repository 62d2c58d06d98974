package dev.weft.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through the system chromedriver, with nothing downloaded: the
 * browser and driver paths are given, so Selenium Manager has nothing to look up.
 *
 * <p>A JUnit extension: a test class registers one, {@code @RegisterExtension static final Chromium
 * chromium = Chromium.perTestClass();}, and the browser runs from before its first test to after
 * its last.
 *
 * <p>Public, and shipped in this module's test jar, so that the samples' integration tests open the
 * viewer on their real runs with the same browser set-up as the viewer's own tests.
 */
public final class Chromium implements BeforeAllCallback, AfterAllCallback {

  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private static final Json JSON = new Json();

  /** The driver, for what the helpers below do not cover; set while the test class runs. */
  public ChromeDriver driver;

  private Path profile;

  private Chromium() {}

  /** Returns a browser that starts before the test class's first test and stops after its last. */
  public static Chromium perTestClass() {
    return new Chromium();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (driver != null) {
      close();
    }
  }

  /** Starts the browser; fails with what to install when it is missing. */
  private void start() throws IOException {
    assertThat(BROWSER)
        .as("the viewer tests need Chromium: apt-get install chromium chromium-driver")
        .isExecutable();
    assertThat(DRIVER)
        .as("the viewer tests need chromedriver: apt-get install chromium-driver")
        .isExecutable();
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    Path profile = Files.createTempDirectory("weft-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--window-size=1440,900",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .usingAnyFreePort()
            .build();
    this.profile = profile;
    this.driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
  }

  /** Opens a page and waits until its data has loaded; drops earlier log entries first. */
  public void open(Path page, String hash) {
    networkUrls();
    driver.manage().logs().get(LogType.BROWSER);
    driver.get("about:blank");
    driver.get(page.toUri() + (hash == null ? "" : "#" + hash));
    waitFor(() -> "true".equals(js("return document.documentElement.dataset.weftLoaded || ''")));
  }

  /** Runs {@code script} in the page and returns its result. */
  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Waits up to 15 seconds for {@code condition} to hold. */
  public void waitFor(java.util.function.BooleanSupplier condition) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> condition.getAsBoolean());
  }

  /** The element whose {@code data-testid} is {@code id}. */
  public WebElement byTestId(String id) {
    return driver.findElement(By.cssSelector("[data-testid='" + id + "']"));
  }

  /** The elements whose {@code data-testid} is {@code id}, in document order. */
  public List<WebElement> allByTestId(String id) {
    return driver.findElements(By.cssSelector("[data-testid='" + id + "']"));
  }

  /** Opens a trace from the list page and waits until it has rendered. */
  public void openTrace(String traceId) {
    driver
        .findElement(By.cssSelector("[data-testid='trace-row'][data-trace-id='" + traceId + "']"))
        .click();
    waitForTrace(traceId);
  }

  /** Waits until the trace (or session) {@code traceId} has rendered. */
  public void waitForTrace(String traceId) {
    waitFor(
        () ->
            !driver
                .findElements(
                    By.cssSelector(
                        "[data-testid='trace-view'][data-trace-id='"
                            + traceId
                            + "'][data-ready='true']"))
                .isEmpty());
  }

  /**
   * The URLs pages asked the network stack for since the last call, from DevTools events; those of
   * Chromium's own pages are left out.
   */
  public List<String> networkUrls() {
    List<String> urls = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      Map<?, ?> event =
          (Map<?, ?>) JSON.<Map<?, ?>>toType(entry.getMessage(), Map.class).get("message");
      if ("Network.requestWillBeSent".equals(event.get("method"))) {
        Map<?, ?> params = (Map<?, ?>) event.get("params");
        String document = String.valueOf(params.get("documentURL"));
        // Chromium's own pages (chrome://…) load their resources in the same log.
        if (!document.startsWith("chrome://") && !document.startsWith("chrome-untrusted://")) {
          urls.add(String.valueOf(((Map<?, ?>) params.get("request")).get("url")));
        }
      }
    }
    return urls;
  }

  /** The workflow names of the readable rows of the trace list, top to bottom. */
  public List<String> listedWorkflows() {
    return allByTestId("trace-row").stream()
        .filter(row -> row.getAttribute("data-unreadable") == null)
        .map(row -> row.findElement(By.cssSelector(".wf")).getText())
        .toList();
  }

  /** The {@code index}-th timeline row whose span is named {@code name}. */
  public WebElement spanRow(String name, int index) {
    return allByTestId("span-row").stream()
        .filter(
            r -> r.findElement(By.cssSelector("[data-testid='span-name']")).getText().equals(name))
        .skip(index)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span row named " + name));
  }

  /** Checks that no hostile text became a script, an element or a side effect. */
  public void assertNothingInjected() {
    assertThat(js("return typeof window.pwned")).isEqualTo("undefined");
    assertThat(js("return document.querySelectorAll('img').length")).isEqualTo(0L);
    assertThat(
            js(
                "return [...document.scripts]"
                    + ".filter(s => s.textContent.trim() === 'window.pwned=1').length"))
        .isEqualTo(0L);
  }

  /** Saves what the browser shows as {@code target/viewer-<name>.png}. */
  public void screenshot(String name) throws IOException {
    Path target = Path.of("target", "viewer-" + name + ".png");
    Files.createDirectories(target.getParent());
    Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
  }

  private void close() throws IOException {
    try {
      driver.quit();
      driver = null;
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }
}
