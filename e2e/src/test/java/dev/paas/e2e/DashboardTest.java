package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The user's path in the dashboard, in a real browser (Debian's chromium, headless, through its
 * chromedriver; nothing downloaded): sign in, create an app, push to it with git, watch the build's output
 * and the live log, set a config var, scale to 2, roll back, destroy. Each page is saved as a screenshot
 * under docs/dashboard for the README.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardTest {
    private static final String PASSWORD = "dashboard e2e password";
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    static Path dir;
    private static LocalPlatform platform;
    private static Path home;
    private static Path repo;
    private static WebDriver browser;
    private static String email;
    private static String pushOutput;

    @BeforeAll
    static void platformUp() throws Exception {
        platform = new LocalPlatform(dir).up();
        String token = platform.adminToken();
        email = api("GET", "/account", token, null).replaceAll("(?s).*\"email\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        api("PUT", "/account/password", token, "{\"password\":\"" + PASSWORD + "\"}");
        home = Files.createDirectories(dir.resolve("home"));
        repo = Files.createDirectories(dir.resolve("site"));
        platform.paas(home, repo, "login", "--token", token).orFail("paas login (git credentials)");
        git("init", "-q", "-b", "main");
        git("config", "user.email", "dev@example.com");
        git("config", "user.name", "Dev");
        Files.writeString(repo.resolve("package.json"), """
                {"name": "site", "version": "1.0.0", "private": true,
                 "scripts": {"start": "node server.js"}, "engines": {"node": ">=18"}}
                """);
        Files.writeString(repo.resolve("server.js"), """
                const http = require('http');
                http.createServer((req, res) => {
                  console.log('request for ' + req.url);
                  res.end((process.env.GREETING || 'hello') + ' from ' + process.env.DYNO + '\\n');
                }).listen(process.env.PORT, () => console.log('listening on ' + process.env.PORT));
                process.on('SIGTERM', () => process.exit(0));
                """);
        git("add", ".");
        git("commit", "-q", "-m", "site v1");
        browser = chromium();
    }

    /** The system's chromium and chromedriver, by path: Selenium Manager (which downloads) is never asked. */
    private static WebDriver chromium() {
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--no-first-run", "--disable-extensions");
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    @AfterAll
    static void platformDown() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void signing_in_with_email_and_password_shows_the_apps() throws Exception {
        open("/dashboard");
        assertThat(browser.getCurrentUrl()).endsWith("/dashboard/sign-in");
        screenshot("sign-in");

        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("sign-in")).click();

        until("the apps page", () -> browser.findElement(By.tagName("h1")).getText().equals("Apps"));
        assertThat(browser.getPageSource()).contains(email);
    }

    @Test
    @Order(2)
    void creating_an_app_opens_its_overview_with_the_git_url() throws Exception {
        browser.findElement(By.id("name")).sendKeys("site");
        browser.findElement(By.id("create-app")).click();

        until("the app's overview", () -> browser.getCurrentUrl().endsWith("/dashboard/apps/site"));
        assertThat(browser.findElement(By.id("git-url")).getText()).isEqualTo(platform.gitUrl() + "/site.git");
        open("/dashboard");
        assertThat(browser.findElement(By.linkText("site")).isDisplayed()).isTrue();
        screenshot("apps");
    }

    @Test
    @Order(3)
    void a_git_push_shows_its_build_output_and_a_running_web_process() throws Exception {
        git("remote", "add", "paas", platform.gitUrl() + "/site.git");

        pushOutput = git("push", "paas", "main").output();

        assertThat(pushOutput).contains("Released v");
        open("/dashboard/apps/site/activity");
        assertThat(browser.findElement(By.id("releases")).getText()).contains("Deploy");
        browser.findElement(By.cssSelector("#builds a")).click();
        until("the build's output", () -> browser.findElement(By.id("build-status")).getText().equals("succeeded"));
        assertThat(browser.findElement(By.id("build-output")).getText()).contains("Node.js app detected");
        screenshot("build");
        until("web.1 up on the overview", () -> {
            open("/dashboard/apps/site");
            return browser.findElement(By.id("processes")).getText().contains("web.1 up");
        });
        screenshot("overview");
    }

    @Test
    @Order(4)
    void the_logs_page_follows_new_lines_live() throws Exception {
        open("/dashboard/apps/site/logs");
        until("the stream open", () -> browser.findElement(By.id("log-status")).getText().contains("live"));

        until("a request served", () -> get("site.localhost").contains("hello from web.1"));

        // No reload: the line arrives over the page's event stream.
        until("the router's line of that request, live", () -> browser.findElement(By.id("log-lines")).getText()
                .contains("heroku[router]: at=info method=GET"));
        assertThat(browser.findElement(By.id("log-lines")).getText()).contains("app[web.1]: request for /");
        screenshot("logs");
    }

    @Test
    @Order(5)
    void a_config_var_set_in_settings_is_a_release_the_app_then_serves() throws Exception {
        open("/dashboard/apps/site/settings");
        browser.findElement(By.id("new-key")).sendKeys("GREETING");
        browser.findElement(By.id("new-value")).sendKeys("hi");
        browser.findElement(By.id("add-var-button")).click();

        until("the var listed", () -> browser.findElement(By.id("config-vars")).getText().contains("GREETING"));
        until("the app serves the new config", () -> get("site.localhost").contains("hi from web."));
        screenshot("settings");
        assertThat(platform.paas(home, repo, "releases", "-a", "site").orFail("paas releases").output())
                .contains("Set GREETING config vars");
    }

    @Test
    @Order(6)
    void scaling_web_to_2_in_resources_starts_a_second_process() throws Exception {
        open("/dashboard/apps/site/resources");
        var quantity = browser.findElement(By.id("quantity-web"));
        quantity.clear();
        quantity.sendKeys("2");
        browser.findElement(By.id("scale-web-button")).click();

        until("the form shows 2", () -> browser.findElement(By.id("quantity-web")).getDomProperty("value")
                .equals("2"));
        screenshot("resources");
        until("web.2 up", () -> {
            open("/dashboard/apps/site");
            return browser.findElement(By.id("processes")).getText().contains("web.2 up");
        });
        assertThat(platform.paas(home, repo, "ps", "-a", "site").orFail("paas ps").output()).contains("web.2: up");
    }

    @Test
    @Order(7)
    void rolling_back_to_the_deploy_serves_the_old_config_again() throws Exception {
        open("/dashboard/apps/site/activity");
        browser.findElement(By.cssSelector("#release-v2 button")).click();

        until("the rollback release listed", () -> browser.findElement(By.id("releases")).getText()
                .contains("Rollback to v2"));
        until("the app serves the config of v2", () -> get("site.localhost").contains("hello from web."));
        screenshot("activity");
    }

    @Test
    @Order(8)
    void destroying_after_typing_the_name_removes_the_app_and_its_processes() throws Exception {
        open("/dashboard/apps/site/settings");
        var destroy = browser.findElement(By.id("destroy-app"));
        assertThat(destroy.isEnabled()).as("disabled until the name is typed").isFalse();
        browser.findElement(By.id("confirm")).sendKeys("site");
        assertThat(destroy.isEnabled()).isTrue();
        destroy.click();

        until("back on the apps list", () -> browser.getCurrentUrl().endsWith("/dashboard"));
        assertThat(browser.getPageSource()).doesNotContain("/dashboard/apps/site");
        until("no process of the app left", () -> Shell.run(repo, Map.of(), Duration.ofSeconds(30),
                List.of("/usr/bin/docker", "ps", "-q", "--filter", "label=paas.agent=" + platform.agentName()))
                .output().isBlank());
    }

    private static void open(String path) {
        browser.get(platform.apiUrl() + path);
    }

    private static void screenshot(String page) throws Exception {
        Path docs = Files.createDirectories(Shell.root().resolve("docs/dashboard"));
        Files.write(docs.resolve(page + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static void until(String what, Awaits.Condition condition) throws InterruptedException {
        Awaits.until(what, WAIT, condition);
    }

    private static Shell.Result git(String... args) {
        var command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return Shell.run(repo, Map.of("HOME", home.toString(), "GIT_TERMINAL_PROMPT", "0"), Duration.ofMinutes(10),
                command).orFail("git " + String.join(" ", args));
    }

    private static String api(String method, String path, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(platform.apiUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return response.body();
    }

    private static String get(String host) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.routerPort() + "/"))
                .header("Host", host).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "";
    }
}
