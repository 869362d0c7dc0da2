package dev.ledgerloop.standalone.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a secret looks like in text: our keys, guest tokens, guests' access tokens and webhook secrets, and any JWT. */
public final class SecretPatterns {
    private static final int CONTEXT = 200;
    private static final Map<String, Pattern> SECRETS = Map.of(
            "API key", Pattern.compile("hlp_(prov_)?[0-9a-f]{16,}"),
            "guest token", Pattern.compile("hlg_[A-Za-z0-9_-]{16,}"),
            "guest access token", Pattern.compile("hlga_[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}"),
            "webhook secret", Pattern.compile("whsec_[A-Za-z0-9+/=]{16,}"),
            "metrics token", Pattern.compile("hlm_[0-9a-f]{16,}"),
            "JWT", Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*"));

    private SecretPatterns() {}

    /**
     * Each kind of secret found in the text, with the start of the text in which every secret is masked (so that a
     * report shows where, never what).
     */
    public static List<String> findIn(String text) {
        List<String> kinds = new ArrayList<>();
        String masked = text;
        for (Map.Entry<String, Pattern> secret : SECRETS.entrySet()) {
            Matcher matcher = secret.getValue().matcher(masked);
            if (matcher.find()) {
                kinds.add(secret.getKey());
                masked = matcher.replaceAll("<" + secret.getKey() + ">");
            }
        }
        String where = masked.length() > CONTEXT ? masked.substring(0, CONTEXT) + "…" : masked;
        return kinds.stream()
                .map(kind -> kind + " in \"" + where.replace('\n', ' ') + "\"")
                .toList();
    }
}
