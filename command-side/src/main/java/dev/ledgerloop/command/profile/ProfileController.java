package dev.ledgerloop.command.profile;

import dev.ledgerloop.command.agent.AgentCommand.PublishProfile;
import dev.ledgerloop.command.agent.AgentCommandSender;
import dev.ledgerloop.command.agent.AgentProfile;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.web.Callers;
import dev.ledgerloop.service.web.request.IfMistyped;
import dev.ledgerloop.service.web.request.RequestRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An agent publishes its public profile (docs/api.md §Public agent profiles): what anyone may read by the slug, without
 * credentials, on {@code GET /v1/public/agents/{slug}} (query side). Slugs are unique in the deployment.
 */
@RestController
class ProfileController {
    static final int MAX_DISPLAY_NAME = 100;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_URL = 500;
    private static final String REQUIRED = "is required";
    private static final String SLUG = "must be 3 to 64 characters of a-z, 0-9 and '-', neither first nor last a '-'";
    private static final String DISPLAY_NAME =
            "must be a non-empty string of at most " + MAX_DISPLAY_NAME + " characters";
    private static final String DESCRIPTION = "must be a string of at most " + MAX_DESCRIPTION + " characters";
    private static final String URL = "must be an http or https URL of at most " + MAX_URL + " characters";

    private final AgentCommandSender agents;
    private final SlugClaims slugs;

    ProfileController(AgentCommandSender agents, SlugClaims slugs) {
        this.agents = agents;
        this.slugs = slugs;
    }

    @RequestRecord
    record ProfileRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "release-bot")
            @NotNull(message = REQUIRED)
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}[a-z0-9]", message = SLUG)
            @IfMistyped(SLUG)
            String slug,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull(message = REQUIRED)
            @NotBlank(message = DISPLAY_NAME)
            @Size(max = MAX_DISPLAY_NAME, message = DISPLAY_NAME)
            @IfMistyped(DISPLAY_NAME)
            String displayName,

            @Size(max = MAX_DESCRIPTION, message = DESCRIPTION) @IfMistyped(DESCRIPTION)
            String description,

            @Size(max = MAX_URL, message = URL) @Pattern(regexp = "https?://[^\\s]+", message = URL) @IfMistyped(URL)
            String websiteUrl) {}

    @PutMapping("/v1/agent/profile")
    @Operation(
            summary = "Publishes the agent's public profile",
            description = "200 {agentId, slug, displayName, description, websiteUrl, publishedAt}; a later call"
                    + " replaces the profile whole (fields left out are no longer published). A bad field: 400 naming"
                    + " it; a slug another agent holds: 409. Anyone reads it at GET /v1/public/agents/{slug}.")
    AgentProfile publish(Principal principal, @RequestBody @Valid ProfileRequest body) {
        UUID agentId = Callers.agentId(principal);
        if (!slugs.claim(body.slug(), agentId)) {
            throw ApiException.conflict("The slug '" + body.slug() + "' is taken");
        }
        AgentProfile.Change change = agents.publish(
                new PublishProfile(agentId, body.slug(), body.displayName(), body.description(), body.websiteUrl()),
                principal);
        if (change.before() != null && !change.before().slug().equals(body.slug())) {
            slugs.release(change.before().slug(), agentId);
        }
        return change.after();
    }
}
