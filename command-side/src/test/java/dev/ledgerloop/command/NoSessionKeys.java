package dev.ledgerloop.command;

import dev.ledgerloop.events.crypto.Keyring;
import dev.ledgerloop.events.crypto.MasterKey;
import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.events.crypto.WrappedKey;
import dev.ledgerloop.events.crypto.WrappedKeyStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** For aggregate tests where nothing belongs to a session, so nothing is sealed: any use of a key fails the test. */
public final class NoSessionKeys {
    private NoSessionKeys() {}

    public static SessionSeals seals() {
        return new SessionSeals(new Keyring(
                MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32])),
                new WrappedKeyStore() {
                    @Override
                    public Optional<WrappedKey> find(String streamId) {
                        throw new AssertionError("no key is used: " + streamId);
                    }

                    @Override
                    public WrappedKey insertIfAbsent(WrappedKey key) {
                        throw new AssertionError("no key is created: " + key.streamId());
                    }

                    @Override
                    public boolean delete(String streamId) {
                        throw new AssertionError("no key is deleted");
                    }

                    @Override
                    public void tombstone(String streamId, Instant at) {
                        throw new AssertionError("no key is shredded");
                    }
                },
                Clock.systemUTC(),
                1));
    }
}
