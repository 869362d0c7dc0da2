package dev.ledgerloop.query.identity;

import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/human/me}: who the gateway says the caller is, so a client can check its token. */
@RestController
class WhoAmIController {

    @GetMapping("/v1/human/me")
    Me me(Principal principal) {
        if (!principal.isHuman()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only humans use /v1/human endpoints");
        }
        return new Me(principal.subjectId(), principal.spaceId());
    }

    record Me(String userId, UUID spaceId) {}
}
