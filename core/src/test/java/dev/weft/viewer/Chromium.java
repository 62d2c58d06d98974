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
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
 */
final class Chromium implements AutoCloseable {

  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private static final Json JSON = new Json();

  final ChromeDriver driver;
  private final Path profile;

  private Chromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts the browser; fails with what to install when it is missing. */
  static Chromium start() throws IOException {
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
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    return new Chromium(driver, profile);
  }

  /** Opens a page and waits until its data has loaded; drops earlier log entries first. */
  void open(Path page, String hash) {
    networkUrls();
    driver.get("about:blank");
    driver.get(page.toUri() + (hash == null ? "" : "#" + hash));
    waitFor(() -> "true".equals(js("return document.documentElement.dataset.weftLoaded || ''")));
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  void waitFor(java.util.function.BooleanSupplier condition) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> condition.getAsBoolean());
  }

  WebElement byTestId(String id) {
    return driver.findElement(By.cssSelector("[data-testid='" + id + "']"));
  }

  List<WebElement> allByTestId(String id) {
    return driver.findElements(By.cssSelector("[data-testid='" + id + "']"));
  }

  /** Opens a trace from the list page and waits until it has rendered. */
  void openTrace(String traceId) {
    driver
        .findElement(By.cssSelector("[data-testid='trace-row'][data-trace-id='" + traceId + "']"))
        .click();
    waitForTrace(traceId);
  }

  void waitForTrace(String traceId) {
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

  /** The URLs the page asked the network stack for since the last call, from DevTools events. */
  List<String> networkUrls() {
    List<String> urls = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      Map<?, ?> event =
          (Map<?, ?>) JSON.<Map<?, ?>>toType(entry.getMessage(), Map.class).get("message");
      if ("Network.requestWillBeSent".equals(event.get("method"))) {
        Map<?, ?> request = (Map<?, ?>) ((Map<?, ?>) event.get("params")).get("request");
        urls.add(String.valueOf(request.get("url")));
      }
    }
    return urls;
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }
}
