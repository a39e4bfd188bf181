package org.blackout.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's headless Chromium on the North Korea scenario: the KP page shows the
 * outage as a band on the plots, with its duration. Screenshots go to {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");

    ChromeDriver driver;
    String base;

    @BeforeAll
    void start() throws Exception {
        Prerequisites.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        base = KpFixture.shared().base();
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,1400", "--user-data-dir=" + profile);
        ChromeDriverService svc = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(svc, o);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    void stop() {
        if (driver != null) driver.quit();
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void kpPageShowsTheOutageBandAndDuration() throws Exception {
        driver.get(base + "/#/country/KP?from=2014-12-22T06:00:00Z&to=2014-12-23T04:00:00Z");
        WebElement band = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#event-bands li[data-type=outage]")));
        waiting().until(d -> ((JavascriptExecutor) d).executeScript("return typeof plots !== 'undefined' && plots.length === 3"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("country:KP").contains("Korea");
        assertThat(band.getText()).contains("2014-12-22 16:").contains("2014-12-23 01:").matches("(?s).*9 h \\d+ min.*").contains("restored");
        assertThat(band.findElement(By.cssSelector(".duration")).getText()).matches("9 h \\d+ min");
        // the band is painted on the visibility plot: a pixel in the outage is red-tinted, one before it is not
        String js = """
                const u = plots[0], t = arguments[0];
                const x = Math.round(u.valToPos(t, 'x', true)), y = Math.round(u.bbox.top + 3);
                return Array.from(u.ctx.getImageData(x, y, 1, 1).data);""";
        @SuppressWarnings("unchecked")
        List<Long> in = (List<Long>) driver.executeScript(js, java.time.Instant.parse("2014-12-22T20:00:00Z").getEpochSecond());
        @SuppressWarnings("unchecked")
        List<Long> out = (List<Long>) driver.executeScript(js, java.time.Instant.parse("2014-12-22T06:30:00Z").getEpochSecond());
        assertThat(in.get(0)).as("red in the band " + in).isGreaterThan(in.get(2) + 20);
        assertThat(out.get(0)).as("no band before " + out).isLessThanOrEqualTo(out.get(2) + 5);
        assertThat(driver.findElement(By.id("upstreams")).getText()).contains("AS4837");
        shot("dashboard-kp.png");
    }

    @Test
    void eventPageAndOverview() throws Exception {
        driver.get(base + "/#/");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("recent-events")));
        assertThat(driver.findElement(By.id("recent-events")).getText()).contains("country:KP");
        shot("dashboard-overview.png");
        WebElement link = driver.findElements(By.cssSelector("#recent-events a[href^='#/event/outage/country:KP/']")).get(0);
        link.click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("evidence")));
        waiting().until(d -> ((JavascriptExecutor) d).executeScript("return plots.length === 1"));
        assertThat(driver.findElement(By.id("event-facts")).getText()).contains("AS4837").matches("(?s).*9 h \\d+ min.*");
        assertThat(driver.findElements(By.cssSelector("#evidence tr"))).hasSizeGreaterThan(1);
        assertThat(driver.getCurrentUrl()).contains("#/event/outage/country:KP/");
        shot("dashboard-event.png");
        driver.get(base + "/#/feeds");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("peers")));
        assertThat(driver.findElements(By.cssSelector("#peers tr"))).hasSize(13);
    }
}
