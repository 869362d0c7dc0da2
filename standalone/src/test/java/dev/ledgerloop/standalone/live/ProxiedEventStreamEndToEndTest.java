package dev.ledgerloop.standalone.live;

/** Every test of {@link EventStreamEndToEndTest} with the streams proxied to the query side over HTTP. */
class ProxiedEventStreamEndToEndTest extends EventStreamEndToEndTest {
    @Override
    boolean inProcess() {
        return false;
    }
}
