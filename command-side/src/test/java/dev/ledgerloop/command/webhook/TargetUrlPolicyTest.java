package dev.ledgerloop.command.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Webhook targets outside our network only (SSRF), unless configuration allows a host. */
class TargetUrlPolicyTest {
    private final TargetUrlPolicy policy = policy(List.of(), List.of());

    @Test
    void public_http_and_https_addresses_are_targets() {
        assertThat(policy.refusal("https://93.184.216.34/hooks")).isEmpty();
        assertThat(policy.refusal("http://8.8.8.8:80/x")).isEmpty();
        assertThat(policy.refusal("https://8.8.8.8:443/x")).isEmpty();
    }

    @Test
    void ports_other_than_80_and_443_need_the_deployment_s_leave() {
        assertThat(policy.refusal("http://8.8.8.8:8080/x"))
                .contains("must use port 80 or 443 (or a port the deployment allows)");
        assertThat(policy.refusal("https://8.8.8.8:22/x")).isPresent();
        assertThat(policy(List.of(), List.of(8080)).refusal("http://8.8.8.8:8080/x"))
                .isEmpty();
        assertThat(policy(List.of("127.0.0.1"), List.of()).refusal("http://127.0.0.1:9912/x"))
                .as("an allowed host may use any port")
                .isEmpty();
    }

    @Test
    void other_schemes_and_malformed_urls_are_refused() {
        assertThat(policy.refusal("ftp://93.184.216.34/x")).contains("must be an http or https URL");
        assertThat(policy.refusal("file:///etc/passwd")).isPresent();
        assertThat(policy.refusal("not a url")).isPresent();
        assertThat(policy.refusal("http://user:pw@93.184.216.34/")).contains("must not carry credentials");
    }

    @Test
    void loopback_private_link_local_metadata_and_shared_addresses_are_refused() {
        for (String url : List.of(
                "http://127.0.0.1/x",
                "http://localhost/x",
                "http://10.0.0.1/x",
                "http://172.16.5.4/x",
                "http://192.168.1.1/x",
                "http://169.254.169.254/latest/meta-data",
                "http://100.64.0.1/x",
                "http://0.0.0.0/x",
                "http://[::1]/x",
                "http://[fd00::1]/x",
                "http://[fe80::1]/x")) {
            assertThat(policy.refusal(url)).as(url).contains("resolves to an internal address, which is not allowed");
        }
    }

    @Test
    void reserved_ranges_and_ipv6_forms_that_carry_an_internal_ipv4_address_are_refused() {
        for (String url : List.of(
                "http://[64:ff9b::a9fe:a9fe]/latest/meta-data",
                "http://[64:ff9b::7f00:1]/x",
                "http://[64:ff9b:1::a00:1]/x",
                "http://[::a9fe:a9fe]/x",
                "http://[2002:a9fe:a9fe::1]/x",
                "http://[2001::1]/x",
                "http://[2001:db8::1]/x",
                "http://[100::1]/x",
                "http://198.18.0.1/x",
                "http://198.19.255.255/x",
                "http://240.0.0.1/x",
                "http://255.255.255.255/x",
                "http://192.0.0.8/x",
                "http://192.0.2.1/x",
                "http://198.51.100.7/x",
                "http://203.0.113.9/x")) {
            assertThat(policy.refusal(url)).as(url).contains("resolves to an internal address, which is not allowed");
        }
        for (String url : List.of(
                "http://[64:ff9b::808:808]/x",
                "http://[2002:808:808::1]/x",
                "http://198.20.0.1/x",
                "http://8.8.8.8/x")) {
            assertThat(policy.refusal(url)).as(url).isEmpty();
        }
    }

    @Test
    void an_allowed_host_may_be_internal() {
        TargetUrlPolicy allowing = policy(List.of("127.0.0.1"), List.of());
        assertThat(allowing.refusal("http://127.0.0.1:8080/x")).isEmpty();
        assertThat(allowing.refusal("http://10.0.0.1/x")).isPresent();
    }

    private static TargetUrlPolicy policy(List<String> allowedHosts, List<Integer> allowedPorts) {
        return new TargetUrlPolicy(TestWebhookProperties.of(allowedHosts, allowedPorts, 4, 32, 64));
    }
}
