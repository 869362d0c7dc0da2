package dev.ledgerloop.standalone.live;

/** {@link StalledStreamClientEndToEndTest} with the streams proxied to the query side over HTTP. */
class ProxiedStalledStreamClientEndToEndTest extends StalledStreamClientEndToEndTest {
    @Override
    boolean inProcess() {
        return false;
    }
}
