package dev.paas.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PlatformExtension.class)
class DashboardSignInTest {
    static final String PASSWORD = "correct horse battery";
    private TestPlatform platform;
    private Api api;
    private String token;
    private Browser browser;
    // Each test its own email: failed sign-ins are counted per email for the whole run.
    private final String email = "jane-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";

    @BeforeEach
    void user(TestPlatform platform, Api api) {
        this.platform = platform;
        this.api = api;
        this.token = platform.user(email);
        assertThat(api.call("PUT", token, "/account/password", "{\"password\":\"" + PASSWORD + "\"}").status())
                .isEqualTo(204);
        this.browser = new Browser(platform.baseUrl());
    }

    @Test
    void signing_in_with_email_and_password_opens_a_session_whose_cookie_is_httponly_and_samesite_lax() {
        var signedIn = browser.signIn(email, PASSWORD);

        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.header("Location")).isEqualTo("/dashboard");
        String cookie = signedIn.setCookies().stream().filter(c -> c.startsWith("paas_session=")).findFirst()
                .orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Lax", "Path=/dashboard").doesNotContain("Secure");
        var apps = browser.get("/dashboard");
        assertThat(apps.status()).isEqualTo(200);
        assertThat(apps.body()).contains(email, "Create an app");
    }

    @Test
    void the_session_cookie_is_secure_when_the_router_says_the_request_came_over_https() {
        var signedIn = browser.signIn(email, PASSWORD, "X-Forwarded-Proto", "https");

        assertThat(signedIn.setCookies()).anySatisfy(c -> assertThat(c).startsWith("paas_session=")
                .contains("; Secure", "HttpOnly", "SameSite=Lax"));
    }

    @Test
    void the_session_id_is_stored_only_as_a_hash() throws Exception {
        browser.signIn(email, PASSWORD);
        String id = browser.cookies.get("paas_session");

        try (var c = platform.connect(); var s = c.createStatement();
             var rows = s.executeQuery("select encode(id_sha256, 'base64') from dashboard_sessions")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isNotEqualTo(id).doesNotContain(id);
        }
    }

    @Test
    void a_wrong_password_is_refused_with_401_and_no_session() {
        var refused = browser.signIn(email, "not the password");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).contains("Wrong email or password");
        assertThat(browser.cookies).doesNotContainKey("paas_session");
        assertThat(browser.get("/dashboard").status()).as("still signed out").isEqualTo(303);
    }

    @Test
    void after_five_failed_sign_ins_even_the_right_password_is_refused_for_a_while() {
        for (int i = 0; i < 5; i++) {
            assertThat(browser.signIn(email, "guess number " + i).status()).isEqualTo(401);
        }

        var throttled = browser.signIn(email, PASSWORD);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.body()).contains("Too many failed sign-ins; try again in");
        assertThat(browser.cookies).doesNotContainKey("paas_session");
    }

    @Test
    void a_user_without_a_password_cannot_sign_in_with_an_empty_one() {
        platform.user("nopass@example.com");

        assertThat(browser.signIn("nopass@example.com", "").status()).isEqualTo(401);
        assertThat(browser.cookies).doesNotContainKey("paas_session");
    }

    @Test
    void signing_in_with_an_api_token_works_and_an_unknown_token_does_not() {
        assertThat(new Browser(platform.baseUrl()).signInWithToken("paas_not-a-token").status()).isEqualTo(401);

        var signedIn = browser.signInWithToken(token);

        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(browser.get("/dashboard").body()).contains(email);
    }

    @Test
    void signing_out_ends_the_session_on_the_server_not_only_in_the_browser() {
        browser.signIn(email, PASSWORD);
        String id = browser.cookies.get("paas_session");
        String csrf = browser.get("/dashboard").csrf();

        var out = browser.post("/dashboard/sign-out", List.of("_csrf", csrf));

        assertThat(out.status()).isEqualTo(303);
        var stale = new Browser(platform.baseUrl());
        stale.cookies.put("paas_session", id);
        assertThat(stale.get("/dashboard").status()).as("the old cookie opens nothing").isEqualTo(303);
    }

    @Test
    void a_sign_in_form_posted_without_its_token_is_refused() {
        var refused = browser.post("/dashboard/sign-in", List.of("email", email, "password", PASSWORD));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(browser.cookies).doesNotContainKey("paas_session");
    }

    @Test
    void every_page_has_a_content_security_policy_without_inline_scripts() {
        browser.signIn(email, PASSWORD);
        for (String path : List.of("/dashboard/sign-in", "/dashboard", "/dashboard/assets/dashboard.js")) {
            String csp = browser.get(path).header("Content-Security-Policy");
            assertThat(csp).as(path).contains("default-src 'self'", "script-src 'self'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
        }
        assertThat(browser.get("/dashboard").body()).doesNotContain("<script>").doesNotContain("style=");
    }

    @Test
    void changing_the_password_needs_the_current_one_once_set() {
        var without = api.call("PUT", token, "/account/password", "{\"password\":\"another long password\"}");
        assertThat(without.status()).isEqualTo(403);
        assertThat(without.message()).contains("current_password");
        var tooShort = api.call("PUT", token, "/account/password", "{\"current_password\":\"" + PASSWORD
                + "\",\"password\":\"short\"}");
        assertThat(tooShort.status()).isEqualTo(422);

        var changed = api.call("PUT", token, "/account/password", "{\"current_password\":\"" + PASSWORD
                + "\",\"password\":\"another long password\"}");

        assertThat(changed.status()).isEqualTo(204);
        assertThat(browser.signIn(email, PASSWORD).status()).isEqualTo(401);
        assertThat(browser.signIn(email, "another long password").status()).isEqualTo(303);
    }

    @Test
    void the_password_is_stored_as_a_pbkdf2_hash_not_in_clear() throws Exception {
        try (var c = platform.connect(); var s = c.createStatement();
             var rows = s.executeQuery("select password_hash from users where email = '" + email + "'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).startsWith("pbkdf2-sha256$600000$").doesNotContain(PASSWORD);
        }
    }

    @Test
    void changing_the_password_in_the_dashboard_ends_the_other_sessions_and_keeps_this_one() {
        var laptop = new Browser(platform.baseUrl());
        var stolen = new Browser(platform.baseUrl());
        assertThat(laptop.signIn(email, PASSWORD).status()).isEqualTo(303);
        assertThat(stolen.signIn(email, PASSWORD).status()).isEqualTo(303);
        var strangersSession = new Browser(platform.baseUrl());
        String stranger = platform.user("bystander-" + java.util.UUID.randomUUID().toString().substring(0, 8)
                + "@example.com");
        assertThat(strangersSession.signInWithToken(stranger).status()).isEqualTo(303);
        String csrf = laptop.get("/dashboard/account").csrf();

        var wrong = laptop.post("/dashboard/account/password", List.of("_csrf", csrf,
                "current_password", "not it", "password", "a brand new secret"));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.body()).contains("'current_password' is missing or wrong");
        assertThat(stolen.get("/dashboard").status()).as("a refused change ends nothing").isEqualTo(200);

        var changed = laptop.post("/dashboard/account/password", List.of("_csrf", csrf,
                "current_password", PASSWORD, "password", "a brand new secret"));

        assertThat(changed.status()).as(changed.body()).isEqualTo(303);
        assertThat(laptop.get("/dashboard").status()).as("this session stays").isEqualTo(200);
        assertThat(stolen.get("/dashboard").status()).as("the other one ends").isEqualTo(303);
        assertThat(stolen.get("/dashboard").header("Location")).isEqualTo("/dashboard/sign-in");
        assertThat(strangersSession.get("/dashboard").status()).as("another user's session stays").isEqualTo(200);
        assertThat(new Browser(platform.baseUrl()).signIn(email, "a brand new secret").status()).isEqualTo(303);
    }

    @Test
    void changing_the_password_through_the_api_ends_every_dashboard_session() {
        assertThat(browser.signIn(email, PASSWORD).status()).isEqualTo(303);

        var changed = api.call("PUT", token, "/account/password", "{\"current_password\":\"" + PASSWORD
                + "\",\"password\":\"another new secret\"}");

        assertThat(changed.status()).isEqualTo(204);
        assertThat(browser.get("/dashboard").status()).isEqualTo(303);
    }
}
