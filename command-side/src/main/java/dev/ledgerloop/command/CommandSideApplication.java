package dev.ledgerloop.command;

import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.service.BackendApplication;
import dev.ledgerloop.service.ServiceSupportConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The command side: aggregates event-sourced from EventStoreDB and the REST endpoints that change them. */
@SpringBootApplication
@Import(ServiceSupportConfiguration.class)
public class CommandSideApplication {
    public static final String NAME = "command-side";

    public static void main(String[] args) {
        CommonPool.ensureParallelism();
        BackendApplication.builder(CommandSideApplication.class, NAME).run(args);
    }
}
