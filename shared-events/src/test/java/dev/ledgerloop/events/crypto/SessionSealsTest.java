package dev.ledgerloop.events.crypto;

import static dev.ledgerloop.events.fixtures.MasterKeys.randomMasterKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerloop.events.StreamNames;
import dev.ledgerloop.events.fixtures.InMemoryMongo;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Content about a session kept on another stream, sealed under the session's key and erased with it. */
class SessionSealsTest {
    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private final MasterKey masterKey = randomMasterKey();
    private final UUID space = UUID.randomUUID();
    private final UUID session = UUID.randomUUID();
    private MongoWrappedKeyStore store;

    @BeforeEach
    void freshStore() {
        store = new MongoWrappedKeyStore(mongo.freshDatabase());
    }

    @Test
    void a_sealed_value_opens_with_the_session_key_where_it_was_sealed_for() {
        SessionSealed sealed = seals().seal(space, session, "delivery-1/payload", "{\"secret\":1}");

        assertThat(sealed.ciphertext()).doesNotContain("secret");
        assertThat(sealed.keyId())
                .isEqualTo(keyring()
                        .dataKeyFor(space.toString(), StreamNames.session(session))
                        .keyId());
        assertThat(seals().open(space, session, "delivery-1/payload", sealed)).contains("{\"secret\":1}");
    }

    @Test
    void a_sealed_value_moved_to_another_place_or_session_does_not_open() {
        SessionSealed sealed = seals().seal(space, session, "delivery-1/payload", "x");

        assertThatThrownBy(() -> seals().open(space, session, "delivery-2/payload", sealed))
                .isInstanceOf(DecryptionFailedException.class);
        assertThat(seals().open(space, UUID.randomUUID(), "delivery-1/payload", sealed))
                .isEmpty();
    }

    @Test
    void shredding_the_session_erases_what_was_sealed_for_it_and_refuses_to_seal_more() {
        SessionSealed sealed = seals().seal(space, session, "invocation-1/arguments", "x");
        Keyring keyring = keyring();
        SessionSeals seals = new SessionSeals(keyring);
        assertThat(seals.open(space, session, "invocation-1/arguments", sealed)).contains("x");

        keyring.shred(StreamNames.session(session));

        assertThat(seals.open(space, session, "invocation-1/arguments", sealed)).isEmpty();
        assertThat(seals().open(space, session, "invocation-1/arguments", sealed))
                .isEmpty();
        assertThatThrownBy(() -> seals().seal(space, session, "invocation-2/arguments", "y"))
                .isInstanceOf(StreamShreddedException.class);
    }

    @Test
    void the_log_refuses_a_restored_session_key() {
        SessionSealed sealed = seals().seal(space, session, "delivery-1/payload", "x");
        ShredRecords logged = stream -> stream.equals(StreamNames.session(session));

        SessionSeals afterShredding = new SessionSeals(new Keyring(masterKey, store, Clock.systemUTC(), 10, logged));

        assertThat(afterShredding.open(space, session, "delivery-1/payload", sealed))
                .isEmpty();
    }

    private SessionSeals seals() {
        return new SessionSeals(keyring());
    }

    private Keyring keyring() {
        return new Keyring(masterKey, store, Clock.systemUTC(), 10);
    }
}
