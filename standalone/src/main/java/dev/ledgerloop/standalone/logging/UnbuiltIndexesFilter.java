package dev.ledgerloop.standalone.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Marker;

/**
 * The embedded MongoDB (mongo-java-server) builds no secondary index and warns once for each index a service declares.
 * Its queries scan instead, which is fine at the embedded default's size and nothing a user can act on: this says it
 * once, at DEBUG, and drops the warnings.
 */
public final class UnbuiltIndexesFilter extends TurboFilter {
    private static final String MONGO_DATABASE_LOGGER = "de.bwaldvogel.mongo.backend.AbstractMongoDatabase";
    private static final String UNBUILT_INDEX = "adding secondary index";

    private final AtomicBoolean said = new AtomicBoolean();

    @Override
    public FilterReply decide(
            Marker marker, Logger logger, Level level, String format, Object[] params, Throwable thrown) {
        if (level != Level.WARN
                || format == null
                || !format.startsWith(UNBUILT_INDEX)
                || !logger.getName().equals(MONGO_DATABASE_LOGGER)) {
            return FilterReply.NEUTRAL;
        }
        if (said.compareAndSet(false, true)) {
            logger.getLoggerContext()
                    .getLogger(UnbuiltIndexesFilter.class)
                    .debug("The embedded MongoDB builds no secondary indexes; queries scan their collection instead");
        }
        return FilterReply.DENY;
    }
}
