package dev.neonoauth.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * The hexagon's inner rules. Each was proven once by hand to fail on a violating class (docs/architecture.md,
 * "How the rules were proven").
 */
@AnalyzeClasses(packages = "dev.neonoauth.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule core_depends_only_on_the_jdk =
            classes().that().resideInAPackage("dev.neonoauth.core..")
                    .should().onlyDependOnClassesThat().resideInAnyPackage(
                            "dev.neonoauth.core..", "java..", "org.immutables.value..", "javax.annotation.processing..")
                    .because("oauth-core is the dependency-free hexagon that users reuse (docs/adr/0002-zero-dependency-core.md)");

    @ArchTest
    static final ArchRule domain_does_not_know_ports_or_services =
            noClasses().that().resideInAPackage("dev.neonoauth.core.domain..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "dev.neonoauth.core.port..", "dev.neonoauth.core.service..")
                    .because("the domain is the innermost ring; ports and services build on it, never the reverse");

    @ArchTest
    static final ArchRule ports_do_not_know_services =
            noClasses().that().resideInAPackage("dev.neonoauth.core.port..")
                    .should().dependOnClassesThat().resideInAPackage("dev.neonoauth.core.service..")
                    .because("ports are the contracts; services are one implementation of the in-ports");

    @ArchTest
    static final ArchRule incoming_ports_do_not_depend_on_outgoing_ports =
            noClasses().that().resideInAPackage("dev.neonoauth.core.port.in..")
                    .should().dependOnClassesThat().resideInAPackage("dev.neonoauth.core.port.out..")
                    .because("a driving adapter must not need to know the driven side");

    @ArchTest
    static final ArchRule single_process_stores_are_adapters_of_the_out_ports =
            classes().that().resideInAPackage("dev.neonoauth.core.memory..")
                    .should().onlyDependOnClassesThat().resideInAnyPackage(
                            "dev.neonoauth.core.memory..", "dev.neonoauth.core.domain..", "dev.neonoauth.core.port.out..",
                            "java..")
                    .because("the shipped in-memory stores implement the out-ports like any other adapter and must not "
                            + "reach into services or in-ports");

    @ArchTest
    static final ArchRule outgoing_ports_are_interfaces =
            classes().that().resideInAPackage("dev.neonoauth.core.port.out..")
                    .and().areTopLevelClasses()
                    .and().areNotAssignableTo(Throwable.class)
                    .and().areNotRecords()
                    .and().areNotEnums()
                    .and().doNotHaveSimpleName("package-info")
                    .should().beInterfaces()
                    .because("out-ports are the seams adapters implement (docs/adr/0002-zero-dependency-core.md)");

    @ArchTest
    static final ArchRule services_are_reached_only_through_in_ports =
            classes().that().resideInAPackage("dev.neonoauth.core.service..")
                    .and().arePublic()
                    .should().implement(JavaClass.Predicates.resideInAPackage("dev.neonoauth.core.port.in.."))
                    .because("applications depend on use-case interfaces, not on service classes");

    @ArchTest
    static final ArchRule core_reads_time_only_through_an_injected_clock =
            noClasses().that().resideInAPackage("dev.neonoauth.core..")
                    .should().callMethod(Instant.class, "now")
                    .orShould().callMethod(System.class, "currentTimeMillis")
                    .orShould().callMethod(System.class, "nanoTime")
                    .orShould().callMethod(LocalDateTime.class, "now")
                    .orShould().callMethod(OffsetDateTime.class, "now")
                    .orShould().callMethod(ZonedDateTime.class, "now")
                    .because("expiry and skew decisions must be testable at their boundaries with a fixed Clock");

    @ArchTest
    static final ArchRule core_does_not_use_standard_streams =
            GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
                    .because("the core has no console; adapters decide what to print");

    @ArchTest
    static final ArchRule core_does_not_log =
            noClasses().that().resideInAPackage("dev.neonoauth.core..")
                    .should().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "java.lang.System$Logger")
                    .orShould().callMethod(System.class, "getLogger", String.class)
                    .because("logging is an adapter concern, and a core that logs risks logging secrets");

    @ArchTest
    static final ArchRule core_throws_no_generic_exceptions =
            GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS
                    .because("every failure is typed (docs/adr/0003-error-model.md)");

    @ArchTest
    static final ArchRule infrastructure_exceptions_live_with_the_out_ports =
            classes().that().areAssignableTo(dev.neonoauth.core.port.out.InfrastructureException.class)
                    .should().resideInAPackage("dev.neonoauth.core.port.out..")
                    .because("infrastructure failures are declared with the ports that raise them (docs/adr/0003-error-model.md)");
}
