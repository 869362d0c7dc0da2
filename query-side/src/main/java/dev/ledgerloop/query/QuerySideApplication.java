package dev.ledgerloop.query;

import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.service.BackendApplication;
import dev.ledgerloop.service.ServiceSupportConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The query side: projections of the event log into MongoDB views, and the REST endpoints that read them. */
@SpringBootApplication
@Import(ServiceSupportConfiguration.class)
public class QuerySideApplication {
    public static final String NAME = "query-side";

    public static void main(String[] args) {
        CommonPool.ensureParallelism();
        BackendApplication.builder(QuerySideApplication.class, NAME).run(args);
    }
}
