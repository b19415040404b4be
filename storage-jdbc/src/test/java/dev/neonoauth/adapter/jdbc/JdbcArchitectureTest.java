package dev.neonoauth.adapter.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.neonoauth", importOptions = ImportOption.DoNotIncludeTests.class)
class JdbcArchitectureTest {

    @ArchTest
    static final ArchRule only_the_module_the_config_the_storage_the_web_sessions_and_key_rotation_are_public =
            classes().that().resideInAPackage("dev.neonoauth.adapter.jdbc..")
                    .and().doNotHaveFullyQualifiedName(JdbcStorageModule.class.getName())
                    .and().doNotHaveFullyQualifiedName(JdbcStorageConfig.class.getName())
                    .and().doNotHaveFullyQualifiedName(JdbcStorageConfig.Builder.class.getName())
                    .and().doNotHaveFullyQualifiedName(JdbcStorage.class.getName())
                    .and().doNotHaveFullyQualifiedName(KeyRotation.class.getName())
                    .and().doNotHaveFullyQualifiedName(JdbcWebSessions.class.getName())
                    .and().doNotHaveFullyQualifiedName(WebSessionRecord.class.getName())
                    // public for H2 only: it instantiates FilePathWrapper subclasses by reflection (not API)
                    .and().doNotHaveFullyQualifiedName(OwnerOnlyFilePath.class.getName())
                    .should().notBePublic()
                    .because("applications see the stores only through the core's ports; the public surface is the "
                            + "Guice module, its configuration, the storage owner (close, re-encryption, per-user "
                            + "erasure), the web session repository and its record (the core has no session port) "
                            + "and the key rotation command (Guice: keep constructors hidden); OwnerOnlyFilePath is "
                            + "public because H2 creates its file system wrappers reflectively, and is not API");

    @ArchTest
    static final ArchRule jdbc_stays_in_the_storage_adapter =
            noClasses().that().resideOutsideOfPackage("dev.neonoauth.adapter.jdbc..")
                    .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                    .because("SQL and its exceptions are translated at the adapter boundary (STYLE.md section 5, "
                            + "rule 2); the core speaks StoreUnavailableException");

    @ArchTest
    static final ArchRule storage_libraries_stay_in_the_storage_adapter =
            noClasses().that().resideOutsideOfPackage("dev.neonoauth.adapter.jdbc..")
                    .should().dependOnClassesThat().resideInAnyPackage("com.zaxxer.hikari..", "org.flywaydb..",
                            "com.google.crypto.tink..", "org.h2..", "org.postgresql..")
                    .because("the pool, the migrations, the database drivers and the encryption library are "
                            + "implementation details of this module");

    @ArchTest
    static final ArchRule public_methods_do_not_expose_storage_types =
            com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods()
                    .that().arePublic().and().areDeclaredInClassesThat().arePublic()
                    .and().areDeclaredInClassesThat().resideInAPackage("dev.neonoauth.adapter.jdbc..")
                    .should().notHaveRawReturnType(java.sql.Connection.class)
                    .andShould().notDeclareThrowableOfType(java.sql.SQLException.class)
                    .because("callers get the core's ports and StoreUnavailableException, never JDBC types");
}
