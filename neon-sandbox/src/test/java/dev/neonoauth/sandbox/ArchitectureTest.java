package dev.neonoauth.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.neonoauth.sandbox", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule sandbox_uses_no_jdbc =
            noClasses().that().resideInAPackage("dev.neonoauth.sandbox..")
                    .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                    .because("JDBC belongs to storage-jdbc only; the sandbox persists with H2's MVStore API");

    @ArchTest
    static final ArchRule sandbox_uses_no_retrofit_okhttp_or_moshi =
            noClasses().that().resideInAPackage("dev.neonoauth.sandbox..")
                    .should().dependOnClassesThat().resideInAnyPackage("retrofit2..", "okhttp3..", "com.squareup.moshi..")
                    .because("Retrofit, OkHttp and Moshi are allowed only in neon-api-adapter");

    @ArchTest
    static final ArchRule sandbox_is_independent_of_the_framework_core =
            noClasses().that().resideInAPackage("dev.neonoauth.sandbox..")
                    .should().dependOnClassesThat().resideInAnyPackage("dev.neonoauth.core..", "dev.neonoauth.adapter..",
                            "dev.neonoauth.app..")
                    .because("the sandbox is an independent server implementation, so a client bug cannot be mirrored "
                            + "by a shared helper");

    @ArchTest
    static final ArchRule public_api_does_not_leak_internals =
            noClasses().that().resideInAPackage("dev.neonoauth.sandbox").and().arePublic()
                    .and().doNotHaveSimpleName("NeonSandbox")
                    .should().dependOnClassesThat().resideInAPackage("dev.neonoauth.sandbox.internal..")
                    .because("only NeonSandbox wires the internals; the other public types are plain values");
}
