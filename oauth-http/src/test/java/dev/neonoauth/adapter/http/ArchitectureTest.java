package dev.neonoauth.adapter.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * oauth-http is the generic adapter: no JDBC, no Retrofit, nothing of Neon, and Guice only in {@link OAuthHttpModule}
 * (Guice is an optional dependency: any other class touching it would break plain-Java users).
 *
 * <p>Each rule can fail: both are {@code noClasses()} rules over every main class of the package, and
 * {@link #theRulesCatchViolations()} shows them flag a class that breaks them. The forbidden packages are matched by
 * name, so {@code retrofit2..} and the Neon packages are caught like {@code java.sql..} even though they are not on
 * this module's classpath today; ArchUnit fails a rule that matched no class at all, so an empty import cannot pass.
 */
@AnalyzeClasses(packages = "dev.neonoauth.adapter.http", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noJdbcRetrofitOrNeon = noClasses()
            .that().resideInAPackage("dev.neonoauth.adapter.http..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "java.sql..", "retrofit2..", "dev.neonoauth.neon..", "dev.neonoauth.adapter.neon..")
            .because("the adapter speaks OAuth over OkHttp to any server; storage, Retrofit and Neon belong elsewhere");

    @ArchTest
    static final ArchRule onlyTheModuleUsesGuice = noClasses()
            .that().resideInAPackage("dev.neonoauth.adapter.http..")
            .and().doNotHaveFullyQualifiedName(OAuthHttpModule.class.getName())
            .should().dependOnClassesThat().resideInAPackage("com.google.inject..")
            .because("Guice is optional for this artifact: OAuthHttp.create must work without it");

    /** Test-only classes that break the rules (not part of the import above). */
    static final class UsesJdbc {
        java.sql.Connection connection;
    }

    static final class UsesGuice {
        com.google.inject.Injector injector;
    }

    @Test
    void theRulesCatchViolations() {
        JavaClasses violators = new ClassFileImporter().importClasses(UsesJdbc.class, UsesGuice.class);

        assertThat(noJdbcRetrofitOrNeon.evaluate(violators).getFailureReport().getDetails())
                .singleElement().asString().contains(UsesJdbc.class.getName()).contains("java.sql.Connection");
        assertThat(onlyTheModuleUsesGuice.evaluate(violators).getFailureReport().getDetails())
                .singleElement().asString().contains(UsesGuice.class.getName()).contains("com.google.inject.Injector");
    }
}
