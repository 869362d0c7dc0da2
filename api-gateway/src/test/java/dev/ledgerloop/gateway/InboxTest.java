package dev.ledgerloop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The web inbox's static files: public, from the jar, under a strict Content-Security-Policy (docs/inbox.md). */
class InboxTest {
    private static Backend backend;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        backend = Backend.start("backend");
        gateway = TestGateway.start(backend.uri(), backend.uri());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.close();
    }

    @Test
    void the_page_loads_without_credentials_and_only_its_own_module_script() {
        HttpResponse<String> page = gateway.send(gateway.request("/inbox/").build());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>");
        assertThat(page.body()).doesNotContain("http://", "https://", "<script>", "style=");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/inbox/",
                "/inbox/app.js",
                "/inbox/crypto.js",
                "/inbox/keys.js",
                "/inbox/components.js",
                "/inbox/inbox.css",
                "/inbox/nothing.js"
            })
    void every_answer_under_inbox_carries_the_strict_policy(String path) {
        HttpResponse<String> response = gateway.send(gateway.request(path).build());

        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy)
                        .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'")
                        .contains("frame-ancestors 'none'")
                        .doesNotContain("unsafe"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    }

    @Test
    void modules_are_served_as_javascript() {
        HttpResponse<String> module =
                gateway.send(gateway.request("/inbox/crypto.js").build());

        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(module.body()).contains("export async function open(");
    }

    @Test
    void inbox_without_its_slash_redirects_so_relative_module_paths_resolve() {
        HttpResponse<String> response = gateway.send(gateway.request("/inbox").build());

        assertThat(response.statusCode()).isEqualTo(308);
        assertThat(response.headers().firstValue("Location")).contains("/inbox/");
    }

    @Test
    void an_unknown_inbox_file_answers_404_with_the_error_body() {
        ErrorBody.assertError(gateway.send(gateway.request("/inbox/nothing.js").build()), 404, "NOT_FOUND");
    }

    @Test
    void nothing_outside_the_inbox_gets_its_policy() {
        HttpResponse<String> docs = gateway.send(gateway.request("/docs").build());

        assertThat(docs.headers().firstValue("Content-Security-Policy")).isEmpty();
    }
}
