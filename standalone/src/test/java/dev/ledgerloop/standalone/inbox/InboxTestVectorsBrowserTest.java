package dev.ledgerloop.standalone.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ledgerloop.standalone.LedgerloopSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox's WebCrypto against the shared test vectors {@code docs/envelope-test-vectors.json} (from the SDK):
 * every recipient opens every envelope, sealing with the vectors' fixed randomness gives the same envelope, tampered
 * envelopes fail as "cannot decrypt" and the untampered control opens, key ids match, and the decision statement and
 * its Ed25519 signature are the vectors' byte for byte.
 */
class InboxTestVectorsBrowserTest {
    /** Tests run in the module's directory; the vectors are the repository's. */
    static final Path VECTORS = Path.of("..", "docs", "envelope-test-vectors.json");

    @TempDir
    static Path data;

    @TempDir
    static Path profiles;

    private static LedgerloopSystem system;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.exists(VECTORS), "No " + VECTORS + " yet (the SDK writes it): skipped");
        system = LedgerloopSystem.start(data, 0);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void the_browser_meets_every_vector() throws Exception {
        String vectors = Files.readString(VECTORS);
        try (Browser browser = Browser.start(profiles)) {
            browser.driver.get("http://localhost:" + system.gatewayPort() + "/inbox/");
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) browser.withCryptoModule(
                    """
                    const vectors = JSON.parse(input);
                    const b = crypto.fromBase64;
                    const same = (a, c) => crypto.jcs(a) === crypto.jcs(c);
                    const failures = [];
                    let checks = 0;
                    const mine = async (privateKey, publicKey) => {
                      const privateHandle = await crypto.importX25519Private(b(privateKey));
                      return { kid: await crypto.keyId(b(publicKey)), publicRaw: b(publicKey), privateKey: privateHandle };
                    };
                    for (const vector of vectors.envelopes) {
                      for (const recipient of vector.recipients) {
                        checks++;
                        if (await crypto.keyId(b(recipient.publicKey)) !== recipient.kid) failures.push(`${vector.name}: kid of ${recipient.kid}`);
                        const opened = new TextDecoder().decode(await crypto.open(vector.envelope, await mine(recipient.privateKey, recipient.publicKey)));
                        if (opened !== vector.plaintext) failures.push(`${vector.name}: ${recipient.kid} opened ${opened}`);
                      }
                      const fixed = { contentKey: b(vector.random.contentKey), nonce: b(vector.random.contentNonce), wrappings: [] };
                      for (const r of vector.random.perRecipient) {
                        fixed.wrappings.push({ ephemeralPrivate: await crypto.importX25519Private(b(r.ephemeralPrivateKey)),
                                               ephemeralPublic: b(r.ephemeralPublicKey), wrapNonce: b(r.wrapNonce) });
                      }
                      const sealed = await crypto.seal(new TextEncoder().encode(vector.plaintext),
                        vector.recipients.map((r) => ({ kid: r.kid, publicKey: b(r.publicKey) })), fixed);
                      checks++;
                      if (!same(sealed, vector.envelope)) failures.push(`${vector.name}: sealed ${JSON.stringify(sealed)}`);
                    }
                    const holders = new Map(vectors.envelopes.flatMap((v) => v.recipients).map((r) => [r.privateKey, r.publicKey]));
                    for (const vector of vectors.tampered) {
                      checks++;
                      let outcome;
                      try {
                        const opened = await crypto.open(vector.envelope, await mine(vector.recipientPrivateKey, holders.get(vector.recipientPrivateKey)));
                        outcome = new TextDecoder().decode(opened) === vector.plaintext ? 'opens' : 'garbage';
                      } catch (e) {
                        outcome = e instanceof crypto.CannotDecrypt ? 'cannot decrypt' : 'crashed: ' + e;
                      }
                      if (outcome !== vector.expect) failures.push(`${vector.name}: ${outcome}`);
                    }
                    const d = vectors.decision;
                    const statement = new TextDecoder().decode(await crypto.decisionBytes(d));
                    checks++;
                    if (statement !== d.statementCanonical) failures.push(`decision statement ${statement}`);
                    const pkcs8 = new Uint8Array([...crypto.fromHex('302e020100300506032b657004220420'), ...b(d.signingPrivateKeySeed)]);
                    const signingKey = await globalThis.crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
                    const signature = await crypto.signDecision(signingKey, d);
                    checks++;
                    if (signature.value !== d.signature || signature.decision !== d.decision) failures.push(`signature ${signature.value}`);
                    return { checks, failures };
                    """,
                    vectors);

            assertThat((List<?>) result.get("failures")).isEmpty();
            assertThat(((Number) result.get("checks")).intValue()).isGreaterThan(5);
        }
    }
}
