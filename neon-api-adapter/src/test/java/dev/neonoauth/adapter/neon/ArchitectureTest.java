package dev.neonoauth.adapter.neon;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The adapter's public surface is its Guice module, its plain-Java factory and its configuration; nothing of HTTP or
 * JSON leaks out, and the OAuth endpoints are oauth-http's, not re-implemented here.
 */
@AnalyzeClasses(packages = "dev.neonoauth.adapter.neon", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final DescribedPredicate<JavaClass> LIBRARY_TYPE = new DescribedPredicate<>(
            "a retrofit2, okhttp3, okio or Moshi type") {
        @Override
        public boolean test(JavaClass type) {
            String name = type.getBaseComponentType().getName();
            return name.startsWith("retrofit2.") || name.startsWith("okhttp3.") || name.startsWith("okio.")
                    || name.startsWith("com.squareup.moshi.");
        }
    };

    @ArchTest
    static final ArchRule onlyTheModuleAndItsConfigArePublic = classes()
            .that().arePublic().and().areTopLevelClasses()
            .should().haveSimpleName("NeonApiModule")
            .orShould().haveSimpleName("NeonApis")
            .orShould().haveSimpleName("NeonApiConfig")
            .because("STYLE.md 3.2: an adapter's public face is its Guice module (or plain-Java factory) and config;"
                    + " applications depend on the ports, never on an adapter's classes");

    @ArchTest
    static final ArchRule publicNestedTypesBelongToTheConfig = classes()
            .that().arePublic().and().areNestedClasses()
            .should(beEnclosedIn("NeonApiConfig"))
            .because("the config's builder is part of the config type; nothing else is public");

    @ArchTest
    static final ArchRule noLibraryTypeInAPublicMethodSignature = methods()
            .that().arePublic().and().areDeclaredInClassesThat().arePublic()
            .should().haveRawReturnType(DescribedPredicate.not(LIBRARY_TYPE))
            .andShould().haveRawParameterTypes(DescribedPredicate.not(DescribedPredicate.anyElementThat(LIBRARY_TYPE)))
            .because("retrofit2, okhttp3 and Moshi are implementation details; swapping them must not change the public API");

    @ArchTest
    static final ArchRule noLibraryTypeInAPublicConstructor = noCodeUnits()
            .that().arePublic().and().areDeclaredInClassesThat().arePublic()
            .should().haveRawParameterTypes(DescribedPredicate.anyElementThat(LIBRARY_TYPE))
            .because("the module is built from its config alone");

    private static ArchCondition<JavaClass> beEnclosedIn(String simpleName) {
        return new ArchCondition<>("be declared inside " + simpleName) {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean ok = type.getEnclosingClass().map(c -> c.getSimpleName().equals(simpleName)).orElse(false);
                events.add(new SimpleConditionEvent(type, ok, type.getName() + (ok ? " is" : " is not") + " declared in " + simpleName));
            }
        };
    }

    @ArchTest
    static final ArchRule theModuleIsFinal = classes()
            .that().haveSimpleName("NeonApiModule")
            .should().haveModifier(JavaModifier.FINAL).andShould().beAssignableTo(com.google.inject.AbstractModule.class)
            .because("it is the one Guice entry point and not meant to be subclassed");

    @ArchTest
    static final ArchRule theCoreDoesNotReachBack = noClasses()
            .that().resideInAPackage("dev.neonoauth.adapter.neon..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.neonoauth.core.service..", "dev.neonoauth.app..",
                    "dev.neonoauth.adapter.jdbc..")
            .because("the adapter implements the core's ports and knows nothing of services, apps or other adapters");

    @ArchTest
    static final ArchRule theOAuthEndpointsAreOAuthHttps = noClasses()
            .that().resideInAPackage("dev.neonoauth.adapter.neon..")
            .should().implement(dev.neonoauth.core.port.out.TokenEndpoint.class)
            .orShould().implement(dev.neonoauth.core.port.out.RevocationEndpoint.class)
            .orShould().implement(dev.neonoauth.core.port.out.UserInfoEndpoint.class)
            .orShould().implement(dev.neonoauth.core.port.out.AuthorizationServerDiscovery.class)
            .because("oauth-http implements the OAuth endpoints for any server, Neon's included");
}
