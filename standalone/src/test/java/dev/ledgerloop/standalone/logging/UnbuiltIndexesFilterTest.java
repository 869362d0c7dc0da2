package dev.ledgerloop.standalone.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;

class UnbuiltIndexesFilterTest {
    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    UnbuiltIndexesFilterTest() {
        UnbuiltIndexesFilter filter = new UnbuiltIndexesFilter();
        filter.start();
        context.addTurboFilter(filter);
        logged.setContext(context);
        logged.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.DEBUG);
        root.addAppender(logged);
    }

    @Test
    void the_unbuilt_index_warnings_become_one_debug_line() {
        Logger mongo = context.getLogger("de.bwaldvogel.mongo.backend.AbstractMongoDatabase");

        mongo.warn("adding secondary index with keys {} is not yet implemented. ignoring", "[spaceId ASC]");
        mongo.warn("adding secondary index with keys {} is not yet implemented. ignoring", "[sessionId ASC]");

        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(event.getFormattedMessage()).contains("builds no secondary indexes");
        });
    }

    @Test
    void other_warnings_of_the_embedded_mongo_db_stay_warnings() {
        context.getLogger("de.bwaldvogel.mongo.backend.AbstractMongoDatabase")
                .warn("Ignoring primary key index with name '{}'", "_id_");

        assertThat(logged.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN);
    }
}
