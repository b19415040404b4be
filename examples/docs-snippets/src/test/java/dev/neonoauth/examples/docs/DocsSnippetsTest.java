package dev.neonoauth.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the documentation true to the code. Reads {@code README.md} and every {@code docs/**}{@code /*.md} of the
 * repository (two directories up from this module) and checks two things.
 *
 * <h2>1. Every {@code ```java} block compiles</h2>
 *
 * Each block is compiled on its own with the JDK's compiler ({@code ToolProvider.getSystemJavaCompiler()}) against
 * this test's class path ({@code java.class.path}: the library artifacts, oauth-core's test-jar, Guice). The source
 * directories of the examples ({@code examples/*}{@code /src/main/java}) are on the source path, so a guide can show
 * an example's code (javac reads what a snippet uses). A failure reads {@code docs/x.md:LINE: compiler message} with
 * the line in the Markdown file.
 * <ul>
 *   <li>A block that declares a top-level type ({@code class}, {@code interface}, {@code record}, {@code enum} at
 *       column 0), or has a {@code package} or {@code import} line, is a whole compilation unit and compiles as it is.
 *       When it has no import line of its own it gets the imports below.
 *   <li>Any other block is a sequence of statements. It is wrapped in a method {@code void snippet() throws Throwable}
 *       of an abstract class, with the imports of {@link SnippetCompiler#IMPORTS} (the library packages,
 *       single Guice types, {@code java.net.URI}, {@code java.time.*}, {@code java.util.*}, {@code java.io.*},
 *       {@code java.nio.*}...), and with the fields of {@link SnippetCompiler#DEFAULT_GIVENS}
 *       ({@code NeonSandbox sandbox}, {@code AccountKey account}, {@code ClientRegistration registration},
 *       {@code ScopeSet scopes}, {@code URI redirectUri}, {@code String rawQuery}): a snippet may use these names
 *       as "the one you have", or declare its own.
 *   <li><b>Hidden prelude.</b> What a snippet uses but should not show goes into an HTML comment right above the
 *       fence (GitHub does not render it):
 *       <pre>
 * &lt;!-- given:
 * import java.nio.channels.FileChannel;
 * Path tmp, target;
 * byte[] content;
 * abstract StoreUnavailableException timedOut(AccountKey account);
 * --&gt;
 * ```java
 * ...
 * ```</pre>
 *       Its {@code package} and {@code import} lines go to the top of the compilation unit; every other line is a
 *       class-body declaration of the wrapper (fields, abstract or concrete methods), so the snippet sees it. A
 *       {@code package} line lets a snippet use an example's package-private classes. A snippet that declares a type
 *       may have a given with package and import lines only.
 * </ul>
 * <b>Excerpts.</b> A block whose lines (indentation and blank lines aside) occur, in order and consecutively, in the
 * {@code .java} file that the last Markdown link before it in the same section points to (for example
 * {@code From [Main.java](../../examples/reuse-the-core/src/main/java/.../Main.java):}) is an excerpt of code its own
 * module compiles and tests. It is checked to be there, not compiled alone; when it is not found, it is compiled
 * like any other block, and the failure says it is not an excerpt either.
 *
 * <p>There is no way to skip a block: a block that cannot compile is not {@code java} (use {@code text}).
 *
 * <h2>2. Every class the docs name exists</h2>
 * <ul>
 *   <li>Every fully qualified {@code dev.neonoauth.…Type} anywhere in a document names a project type (ArchUnit's
 *       {@code ClassFileImporter} over {@code dev.neonoauth} on this class path, plus every type declared in the
 *       repository's {@code src/main/java} and {@code src/test/java}, so test classes and the apps count too).
 *   <li>In inline code spans ({@code `…`}), every CamelCase identifier ending in Module, Config, Service, Store,
 *       Endpoint, Exception, Provider, Flow, Client, Api, Apis, Builder, Test or IT (a project-looking type name)
 *       names a project type, a JDK class, or a class of a jar on this class path; {@link #ALLOWED} lists the few
 *       legitimate names outside those.
 *   <li>In inline code spans, {@code Type.member}, {@code Type::member}, {@code Type#member} and
 *       {@code Type.Nested} of a project type name an existing method, field, enum constant, record component or
 *       nested type (by reflection; for a type that is not on this class path, by its source file containing the
 *       word). A member abbreviated with {@code …} is checked as a prefix. {@link #ALLOWED_MEMBERS} lists removed
 *       members that an ADR names on purpose.
 *   <li>Every {@code NEON_…} variable a document mentions occurs in the repository's sources, scripts or POMs, and
 *       every {@code OAUTH_X} occurs there too or, when oauth-http's
 *       {@code OAuthHttpConfig.fromEnvironment(env, "OAUTH_")} builds the name from a prefix, has {@code "X"} there.
 * </ul>
 * {@link DocsCheckersSelfTest} proves that both checks fail on a broken snippet and on an invented name.
 */
class DocsSnippetsTest {
    /** The repository: this module is examples/docs-snippets. */
    static final Path REPOSITORY = Path.of("..", "..").toAbsolutePath().normalize();

    /**
     * Names the docs may mention that neither the project nor this class path has. Each with its reason; keep it
     * short (a name here is not checked at all).
     */
    static final Set<String> ALLOWED = Set.of();

    /** {@code Type.member} references to members that no longer exist, mentioned on purpose in the ADRs' history. */
    static final Set<String> ALLOWED_MEMBERS = Set.of(
            // ADR 0013 records that it removed these from the core's ports
            "TokenStore.accountsOf",
            "PendingAuthorizationStore.purgeExpired",
            "TokenSet.tokenType",
            // ADR 0002 records that its first version relied on this (now NeonOAuth.authorizationServer() in neon-api)
            "AuthorizationServer.neon");

    private static List<Path> documents;

    @BeforeAll
    static void findDocuments() throws IOException {
        assertThat(REPOSITORY.resolve("README.md")).as("the repository's README").exists();
        assertThat(REPOSITORY.resolve("docs")).as("the repository's docs").isDirectory();
        documents = documents(REPOSITORY);
    }

    static List<Path> documents(Path repository) throws IOException {
        List<Path> found = new ArrayList<>();
        found.add(repository.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(repository.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(found::add);
        }
        return found;
    }

    static List<Path> exampleSources(Path repository) throws IOException {
        try (Stream<Path> examples = Files.list(repository.resolve("examples"))) {
            return examples.map(e -> e.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList();
        }
    }

    static String name(Path document) {
        return REPOSITORY.relativize(document).toString().replace('\\', '/');
    }

    @Test
    void everyJavaSnippetCompiles(@TempDir Path classes) throws IOException {
        SnippetCompiler compiler = new SnippetCompiler(System.getProperty("java.class.path"), exampleSources(REPOSITORY),
                classes);
        List<String> failures = new ArrayList<>();
        int compiled = 0;
        int excerpts = 0;
        for (Path document : documents) {
            String text = Files.readString(document, StandardCharsets.UTF_8);
            for (Markdown.CodeBlock block : Markdown.codeBlocks(text)) {
                if (!block.language().equals("java")) {
                    continue;
                }
                Optional<Path> source = linkedSource(document, block);
                if (source.isPresent() && Markdown.isExcerptOf(block.code(), Files.readString(source.get()))) {
                    excerpts++;
                    continue;
                }
                compiled++;
                List<String> errors = compiler.compile(name(document), block);
                if (!errors.isEmpty() && source.isPresent()) {
                    failures.add(name(document) + ":" + block.firstLine() + ": not an excerpt of "
                            + REPOSITORY.relativize(source.get()) + " (its lines do not occur there in this order),"
                            + " and it does not compile on its own:");
                }
                failures.addAll(errors);
            }
        }
        System.out.printf("docs-snippets: %d java snippets in %d documents: %d compiled, %d verified as excerpts%n",
                compiled + excerpts, documents.size(), compiled, excerpts);
        assertThat(compiled + excerpts).as("java snippets found").isPositive();
        assertThat(failures).as("java snippets of the docs that do not compile (%d compiled, %d excerpts)", compiled,
                excerpts).isEmpty();
    }

    /** The repository file a block's section links to, if the link resolves to one. */
    static Optional<Path> linkedSource(Path document, Markdown.CodeBlock block) {
        return block.sourceLink()
                .map(link -> document.getParent().resolve(link).normalize())
                .filter(p -> p.startsWith(REPOSITORY) && Files.isRegularFile(p));
    }

    @Test
    void everyClassTheDocsNameExists() throws IOException {
        NameIndex index = NameIndex.build(REPOSITORY);
        NameChecker checker = new NameChecker(index, ALLOWED, ALLOWED_MEMBERS);
        List<String> failures = new ArrayList<>();
        for (Path document : documents) {
            failures.addAll(checker.check(name(document), Files.readString(document, StandardCharsets.UTF_8)));
        }
        System.out.printf("docs-snippets: %d fully qualified names, %d project-looking names, %d members and %d "
                        + "variables checked in %d documents (%d project types known)%n", checker.fullNames,
                checker.projectLookingNames, checker.members, checker.environmentNames, documents.size(),
                index.projectTypeCount());
        assertThat(index.projectTypeCount()).as("project types found").isGreaterThan(100);
        assertThat(failures).as("names in the docs that do not exist").isEmpty();
    }
}
