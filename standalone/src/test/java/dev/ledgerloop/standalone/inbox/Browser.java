package dev.ledgerloop.standalone.inbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, through its chromedriver (both from the system: {@code .ci/run} installs them; a test
 * without them is skipped, saying so). Each browser has a fresh profile, so a fresh IndexedDB and no keys.
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "inbox-screenshots");

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A new headless chromium with its own profile under {@code profiles}; skips the test when there is none. */
    static Browser start(Path profiles) throws IOException {
        Optional<Path> chromium = executable("CHROMIUM", "chromium", "chromium-browser");
        Optional<Path> chromedriver = executable("CHROMEDRIVER", "chromedriver");
        assumeTrue(
                chromium.isPresent() && chromedriver.isPresent(),
                "The inbox's browser tests need chromium and chromedriver (apt-get install -y chromium"
                        + " chromium-driver; .ci/run installs them): skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1100,1400",
                "--user-data-dir="
                        + Files.createTempDirectory(profiles, "chromium").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver);
    }

    private static Optional<Path> executable(String variable, String... names) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin");
        return Stream.of(path.split(File.pathSeparator))
                .flatMap(directory -> Stream.of(names).map(name -> Path.of(directory, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Saves what the page shows as {@code target/inbox-screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code body} as an async function in the page with {@code crypto} bound to the inbox's crypto module and
     * {@code input} to the argument; answers what it returns (JSON-compatible values), or fails with its error.
     */
    Object withCryptoModule(String body, Object input) {
        Object result = driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; const input = arguments[0];"
                        + " import(location.origin + '/inbox/crypto.js')"
                        + ".then(async (crypto) => { " + body + " })"
                        + ".then((value) => done({ value }), (error) => done({ error: String(error && (error.stack || error)) }));",
                input);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> answer = (java.util.Map<String, Object>) result;
        if (answer.containsKey("error")) {
            throw new AssertionError("In the browser: " + answer.get("error"));
        }
        return answer.get("value");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
