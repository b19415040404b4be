package dev.neonoauth.app.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.google.inject.Guice;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hexagon's rules, checked over every production class on app-web's class path. */
class HexagonTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        ImportOption productionOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
        classes = new ClassFileImporter().withImportOption(productionOnly).importPackages("dev.neonoauth");
    }

    @Test
    void coreDependsOnlyOnTheJdkAndImmutables() {
        classes().that().resideInAPackage("dev.neonoauth.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.neonoauth.core..", "java..", "org.immutables..",
                        "javax.annotation..")
                .because("the core is the hexagon's centre: it knows no framework, database or HTTP library")
                .check(classes);
    }

    @Test
    void httpClientLibrariesStayInTheHttpAdapters() {
        noClasses().that().resideOutsideOfPackages("dev.neonoauth.adapter.neon..", "dev.neonoauth.adapter.http..")
                .should().dependOnClassesThat().resideInAnyPackage("retrofit2..", "okhttp3..", "com.squareup.moshi..")
                .because("OkHttp and Moshi are the HTTP adapters' implementation details (Retrofit the Neon adapter's)")
                .check(classes);
        noClasses().that().resideInAPackage("dev.neonoauth.adapter.http..")
                .should().dependOnClassesThat().resideInAnyPackage("retrofit2..", "dev.neonoauth.neon..",
                        "dev.neonoauth.adapter.neon..")
                .because("oauth-http is the generic adapter: it knows no provider and needs no Retrofit")
                .check(classes);
    }

    @Test
    void neonPortsDependOnlyOnTheCore() {
        classes().that().resideInAPackage("dev.neonoauth.neon..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.neonoauth.neon..", "dev.neonoauth.core..",
                        "java..")
                .because("neon-api is Neon's side of the hexagon's ports, as dependency-free as the core")
                .check(classes);
    }

    @Test
    void appsUseTheCoreThroughItsPortsNotItsServices() {
        noClasses().that().resideInAnyPackage("dev.neonoauth.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.neonoauth.core.service..")
                .because("the apps are assembled by oauth-guice's OAuthCoreModule and drive the in-ports")
                .check(classes);
    }

    @Test
    void jdbcStaysInTheStorageAdapter() {
        noClasses().that().resideOutsideOfPackage("dev.neonoauth.adapter.jdbc..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .because("only the storage adapter talks to a database (the sandbox keeps its data in H2's MVStore, without JDBC)")
                .check(classes);
    }

    @Test
    void appWebUsesNoJdbcAndNoHttpClientLibrary() {
        noClasses().that().resideInAPackage("dev.neonoauth.app.web..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "retrofit2..", "okhttp3..",
                        "com.squareup.moshi..")
                .because("app-web drives the core's ports; adapters are wired in Main, never called directly")
                .check(classes);
    }

    @Test
    void onlyMainCreatesAnInjector() {
        noClasses().that().doNotHaveSimpleName("Main")
                .should().callMethod(Guice.class, "createInjector", com.google.inject.Module[].class)
                .orShould().callMethod(Guice.class, "createInjector", Iterable.class)
                .orShould().callMethod(Guice.class, "createInjector", com.google.inject.Stage.class, com.google.inject.Module[].class)
                .because("the composition root is Main: everything else receives its dependencies")
                .check(classes);
    }

    @Test
    void codeMatchesTheDocumentedHexagon() throws java.net.MalformedURLException {
        java.nio.file.Path diagram = java.nio.file.Path.of("..", "docs", "architecture", "hexagon.puml").toAbsolutePath().normalize();
        org.assertj.core.api.Assertions.assertThat(diagram).as("docs/architecture/hexagon.puml").exists();
        classes().should(com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.adhereToPlantUmlDiagram(
                        diagram.toUri().toURL(),
                        com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.Configuration.consideringOnlyDependenciesInDiagram()))
                .because("docs/architecture.md shows this diagram; a dependency it does not show is a design change that needs the doc too")
                .check(classes);
    }

    @Test
    void topLevelSlicesHaveNoCycles() {
        slices().matching("dev.neonoauth.(*)..").should().beFreeOfCycles()
                .because("rings depend inwards only, so no two top-level packages may depend on each other")
                .check(classes);
    }
}
