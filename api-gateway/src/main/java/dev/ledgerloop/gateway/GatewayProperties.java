package dev.ledgerloop.gateway;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

/**
 * Everything the gateway is configured with ({@code ledgerloop.gateway.*}, or {@code LEDGERLOOP_GATEWAY_*} in the
 * environment); documented in the module's README.
 *
 * @param commandSideUri base URI of the command side; POST, PUT, PATCH and DELETE under /v1 go there
 * @param querySideUri base URI of the query side, or of several query-side instances separated by commas; GET and
 *     HEAD under /v1 go there, spread round robin over the instances
 * @param maxRequestBytes largest request body accepted; larger ones answer 413
 * @param principalSecret base64 of at least 32 bytes, shared with the backends only, that signs the principal headers
 * @param bootstrapKeyHash SHA-256 hex of the one API key known until keys are stored (unset: no key is accepted)
 * @param bootstrapSpaceId the space (tenant) the bootstrap key belongs to
 * @param bootstrapAgentId the bootstrap key's default agent id (unset: derived from the space and the agent name)
 * @param bootstrapAgentName the bootstrap key's default agent name, used when a request sends no X-Hiloop header
 * @param bootstrapKeyId the id the bootstrap key is known by in the principal (never the key or its hash)
 */
@ConfigurationProperties("ledgerloop.gateway")
public record GatewayProperties(
        @DefaultValue("http://localhost:8081") URI commandSideUri,
        @DefaultValue("http://localhost:8082") List<URI> querySideUri,
        @DefaultValue("1MB") @DataSizeUnit(DataUnit.BYTES) DataSize maxRequestBytes,
        String principalSecret,
        String bootstrapKeyHash,
        UUID bootstrapSpaceId,
        UUID bootstrapAgentId,
        @DefaultValue("default") String bootstrapAgentName,
        @DefaultValue("bootstrap") String bootstrapKeyId) {

    /** Leaves the secret out, should anything ever print the properties. */
    @Override
    public String toString() {
        return "GatewayProperties[commandSideUri=" + commandSideUri + ", querySideUri=" + querySideUri
                + ", maxRequestBytes=" + maxRequestBytes + ", principalSecret="
                + (principalSecret == null ? "unset" : "***")
                + ", bootstrapKeyHash=" + (bootstrapKeyHash == null ? "unset" : "set") + ", bootstrapSpaceId="
                + bootstrapSpaceId + ", bootstrapAgentId=" + bootstrapAgentId + ", bootstrapAgentName="
                + bootstrapAgentName + ", bootstrapKeyId=" + bootstrapKeyId + "]";
    }
}
