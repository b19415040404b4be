package dev.neonoauth.app.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.neonoauth.app.cli.archfixture.RawPrinter;
import dev.neonoauth.app.cli.archfixture.Violator;
import java.io.PrintStream;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command line's architecture rules. */
class ArchitectureTest {
    private static JavaClasses cli;

    @BeforeAll
    static void importClasses() {
        cli = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.neonoauth.app.cli");
    }

    @Test
    void theCliSeesNoHttpJsonOrJdbcTypes() {
        noHttpJsonOrJdbcTypes().check(cli);
    }

    @Test
    void onlyMainCreatesAnInjector() {
        onlyMainCreatesInjectors().check(cli);
    }

    @Test
    void onlyTheTerminalWritesToTheStandardStreams() {
        rawStreamRules().forEach(rule -> rule.check(cli));
    }

    @Test
    void theRawStreamRulesCatchAClassPrintingAroundTheTerminal() {
        JavaClasses violators = new ClassFileImporter().importClasses(RawPrinter.class, RawPrintingCommand.class);
        List<ArchRule> rules = rawStreamRules();
        assertThatThrownBy(() -> rules.get(0).check(violators)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("RawPrintingCommand").hasMessageContaining("CliEnvironment.out()");
        assertThatThrownBy(() -> rules.get(1).check(violators)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("RawPrinter").hasMessageContaining("System.out");
        assertThatThrownBy(() -> rules.get(2).check(violators)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("RawPrinter.printToAStream").hasMessageContaining("PrintStream.print");
    }

    /**
     * Every text on its way to a terminal passes Terminal's sanitizer: the environment's streams are wrapped by the
     * context (into Terminals) and by nothing else; the process's streams go into the environment only; and only
     * Terminal calls print, write and the like on a stream or writer.
     */
    private static List<ArchRule> rawStreamRules() {
        String because = "a server's strings reach the terminal only through Terminal, which sanitizes them";
        ArchRule environmentStreams = noClasses().that().doNotBelongToAnyOf(CliContext.class)
                .should().callMethod(CliEnvironment.class, "out").orShould().callMethod(CliEnvironment.class, "err")
                .because(because);
        ArchRule processStreams = noClasses().that().doNotBelongToAnyOf(CliEnvironment.class)
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because(because);
        ArchRule printing = noClasses().that().doNotBelongToAnyOf(Terminal.class)
                .should().callMethodWhere(DescribedPredicate.describe("a print or write method of a stream or writer",
                        call -> (call.getTargetOwner().isAssignableTo(PrintStream.class)
                                || call.getTargetOwner().isAssignableTo(Writer.class))
                                && PRINTING.contains(call.getName())))
                .because(because);
        return List.of(environmentStreams, processStreams, printing);
    }

    private static final Set<String> PRINTING = Set.of("print", "println", "printf", "format", "write", "append");

    @Test
    void bothRulesCatchAViolatingClass() {
        JavaClasses violator = new ClassFileImporter().importClasses(Violator.class);
        assertThatThrownBy(() -> noHttpJsonOrJdbcTypes().check(violator)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("okhttp3.OkHttpClient").hasMessageContaining("java.sql.Connection");
        assertThatThrownBy(() -> onlyMainCreatesInjectors().check(violator)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("createInjector");
    }

    private static ArchRule noHttpJsonOrJdbcTypes() {
        return noClasses().that().resideInAPackage("dev.neonoauth.app.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("retrofit2..", "okhttp3..", "okio..",
                        "com.squareup.moshi..", "java.sql..", "javax.sql..")
                .because("the command line talks to Neon and to the database only through the core's ports; "
                        + "Retrofit, OkHttp, Moshi and JDBC stay inside neon-api-adapter and storage-jdbc");
    }

    private static ArchRule onlyMainCreatesInjectors() {
        return noClasses().that().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().callMethodWhere(DescribedPredicate.describe("Guice.createInjector(..)",
                        call -> call.getTargetOwner().isEquivalentTo(Guice.class)
                                && call.getName().equals("createInjector")))
                .because("Main is the composition root: one injector per run, created lazily in one place");
    }

    @Test
    void theRulesSeeTheCliClasses() {
        org.assertj.core.api.Assertions.assertThat(cli.contain(Main.class)).isTrue();
        org.assertj.core.api.Assertions.assertThat(cli.contain(LoginCommand.class)).isTrue();
    }
}
