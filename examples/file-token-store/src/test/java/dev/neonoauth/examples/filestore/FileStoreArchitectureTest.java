package dev.neonoauth.examples.filestore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.neonoauth.core.port.out.TokenStore;

/** The adapter rules of docs/adr/0005-guice-module-policy.md, applied to this example. */
@AnalyzeClasses(packages = "dev.neonoauth.examples.filestore", importOptions = ImportOption.DoNotIncludeTests.class)
class FileStoreArchitectureTest {

    @ArchTest
    static final ArchRule only_the_guice_module_and_its_config_are_public =
            classes().that().resideInAPackage("dev.neonoauth.examples.filestore..")
                    .and().areNotAssignableTo(com.google.inject.Module.class)
                    .and().haveSimpleNameNotEndingWith("Config")
                    .should().notBePublic()
                    .because("an adapter's public face is its Guice module and configuration (docs/adr/0005)");

    @ArchTest
    static final ArchRule token_stores_are_named_after_the_port =
            classes().that().implement(TokenStore.class).should().haveSimpleNameEndingWith("TokenStore");
}
