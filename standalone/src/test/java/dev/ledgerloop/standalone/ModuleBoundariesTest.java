package dev.ledgerloop.standalone;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.ledgerloop.service.ApiException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The boundaries between the modules, checked on their compiled classes: this module's test class path holds every
 * runtime module. The bench module is not on it (it may see every module, like standalone); its one package cannot
 * form a package cycle.
 */
class ModuleBoundariesTest {
    private static final String AGGREGATE = "org.axonframework.spring.stereotype.Aggregate";
    private static final String COMMAND_SIDE = "dev.ledgerloop.command..";
    private static final String QUERY_SIDE = "dev.ledgerloop.query..";
    private static final String GATEWAY = "dev.ledgerloop.gateway..";
    private static final String EMBEDDED_NODE = "dev.ledgerloop.eventstore.embedded..";
    private static final String STANDALONE = "dev.ledgerloop.standalone..";
    private static final String SDK = "dev.ledgerloop.sdk..";
    private static final String JCS = "dev.ledgerloop.jcs..";

    private static JavaClasses classes;

    @BeforeAll
    static void importEveryModule() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ledgerloop");
    }

    @Test
    void aggregates_depend_on_nothing_of_the_web() {
        noClasses()
                .that()
                .areAnnotatedWith(AGGREGATE)
                .should()
                .dependOnClassesThat(resideInAnyPackage(
                                "org.springframework.web..",
                                "org.springframework.http..",
                                "jakarta.servlet..",
                                "dev.ledgerloop.service.web..")
                        .or(type(ApiException.class)))
                .check(classes);
    }

    @Test
    void the_query_side_does_not_depend_on_the_command_side() {
        noClasses()
                .that()
                .resideInAPackage(QUERY_SIDE)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(COMMAND_SIDE)
                .check(classes);
    }

    @Test
    void the_command_side_does_not_depend_on_the_query_side() {
        noClasses()
                .that()
                .resideInAPackage(COMMAND_SIDE)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(QUERY_SIDE)
                .check(classes);
    }

    @Test
    void the_gateway_depends_on_neither_backend() {
        noClasses()
                .that()
                .resideInAPackage(GATEWAY)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(COMMAND_SIDE, QUERY_SIDE)
                .check(classes);
    }

    @Test
    void the_embedded_node_depends_on_nothing_of_ledgerloop_outside_itself() {
        noClasses()
                .that()
                .resideInAPackage(EMBEDDED_NODE)
                .should()
                .dependOnClassesThat(resideInAPackage("dev.ledgerloop..").and(not(resideInAPackage(EMBEDDED_NODE))))
                .check(classes);
    }

    /**
     * The SDK is what agents put on their class path: it carries nothing of the server, only the RFC 8785 form that
     * both sides must hash alike.
     */
    @Test
    void the_sdk_depends_on_nothing_of_ledgerloop_outside_itself_but_the_canonical_json() {
        noClasses()
                .that()
                .resideInAPackage(SDK)
                .should()
                .dependOnClassesThat(resideInAPackage("dev.ledgerloop..")
                        .and(not(resideInAPackage(SDK)))
                        .and(not(resideInAPackage(JCS))))
                .check(classes);
    }

    @Test
    void the_canonical_json_depends_on_nothing_of_ledgerloop_outside_itself() {
        noClasses()
                .that()
                .resideInAPackage(JCS)
                .should()
                .dependOnClassesThat(resideInAPackage("dev.ledgerloop..").and(not(resideInAPackage(JCS))))
                .check(classes);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {COMMAND_SIDE, QUERY_SIDE, GATEWAY, STANDALONE})
    void only_the_standalone_jvm_depends_on_a_service(String service) {
        noClasses()
                .that()
                .resideOutsideOfPackages(service, STANDALONE)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(service)
                .check(classes);
    }

    @Test
    void the_shared_modules_depend_on_no_service() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.ledgerloop.platform..",
                        "dev.ledgerloop.events..",
                        "dev.ledgerloop.eventstore..",
                        "dev.ledgerloop.service..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(COMMAND_SIDE, QUERY_SIDE, GATEWAY, STANDALONE)
                .check(classes);
    }

    /**
     * Each sub-package of a module is a slice, and no slice may reach back to one that depends on it. A module's root
     * package is its composition root (the Spring configuration, the event-type registry), which may know every
     * sub-package it wires. The EventStoreDB adapter ({@code dev.ledgerloop.eventstore}) has one package only.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "dev.ledgerloop.platform",
                "dev.ledgerloop.events",
                "dev.ledgerloop.eventstore.embedded",
                "dev.ledgerloop.gateway",
                "dev.ledgerloop.service",
                "dev.ledgerloop.command",
                "dev.ledgerloop.query",
                "dev.ledgerloop.standalone",
                "dev.ledgerloop.sdk"
            })
    void the_sub_packages_of_a_module_form_no_cycle(String moduleRoot) {
        slices().assignedFrom(new SubPackagesOf(moduleRoot))
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    private record SubPackagesOf(String moduleRoot) implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String packageName = javaClass.getPackageName();
            return packageName.startsWith(moduleRoot + ".")
                    ? SliceIdentifier.of(packageName)
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the sub-packages of " + moduleRoot;
        }
    }
}
