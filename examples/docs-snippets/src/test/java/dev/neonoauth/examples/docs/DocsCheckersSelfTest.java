package dev.neonoauth.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks of {@link DocsSnippetsTest} on inline documents: they pass good ones and fail broken ones. */
class DocsCheckersSelfTest {
    private static final String DOC = """
            # Title

            Some prose with `OAuthClient.builder()`.

            ```java
            OAuthClient oauth = OAuthClient.builder()
                    .client(registration)
                    .tokenStore(new InMemoryTokenStore())
                    .build();
            ```

            <!-- given:
            import java.nio.charset.StandardCharsets;
            byte[] content;
            abstract String describe(byte[] bytes);
            -->
            ```java
            String text = new String(content, StandardCharsets.UTF_8) + describe(content);
            ```

            ```java
            final class Example {
                Optional<TokenSet> tokens(TokenStore store) {
                    return store.load(AccountKey.of("casey"));
                }
            }
            ```

            ```sh
            echo not java
            ```
            """;

    private static SnippetCompiler compiler(Path out) {
        return new SnippetCompiler(System.getProperty("java.class.path"), List.of(), out);
    }

    @Test
    void extractsJavaBlocksWithTheirLinesAndGivens() {
        List<Markdown.CodeBlock> blocks = Markdown.codeBlocks(DOC);

        assertThat(blocks).extracting(Markdown.CodeBlock::language).containsExactly("java", "java", "java", "sh");
        assertThat(blocks.get(0).firstLine()).isEqualTo(6);
        assertThat(blocks.get(0).given()).isEmpty();
        assertThat(blocks.get(1).given()).hasValueSatisfying(g -> assertThat(g).contains("byte[] content;"));
        assertThat(blocks.get(1).givenLine()).isEqualTo(12);
        assertThat(SnippetCompiler.isCompilationUnit(blocks.get(0).code())).isFalse();
        assertThat(SnippetCompiler.isCompilationUnit(blocks.get(2).code())).isTrue();
    }

    @Test
    void goodSnippetsCompile(@TempDir Path out) {
        SnippetCompiler compiler = compiler(out);

        for (Markdown.CodeBlock block : Markdown.codeBlocks(DOC)) {
            if (block.language().equals("java")) {
                assertThat(compiler.compile("doc.md", block)).as("snippet at line %d", block.firstLine()).isEmpty();
            }
        }
    }

    @Test
    void aBrokenSnippetFailsWithTheDocumentLineAndTheCompilerMessage(@TempDir Path out) {
        String doc = """
                Intro.

                ```java
                OAuthClient oauth = OAuthClient.builder()
                        .clientRegistration(registration)
                        .build();
                ```
                """;

        List<String> errors = compiler(out).compile("docs/broken.md", Markdown.codeBlocks(doc).get(0));

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("docs/broken.md:5: cannot find symbol")
                .contains("clientRegistration").contains("| .clientRegistration(registration)");
    }

    @Test
    void aBrokenTypeDeclarationAndAnUndeclaredVariableFailToo(@TempDir Path out) {
        String doc = """
                ```java
                final class Store implements TokenStore {
                }
                ```

                ```java
                TokenSet tokens = store.load(account).orElseThrow();
                ```
                """;
        List<Markdown.CodeBlock> blocks = Markdown.codeBlocks(doc);

        assertThat(compiler(out).compile("d.md", blocks.get(0))).singleElement().asString()
                .startsWith("d.md:2: ").contains("is not abstract and does not override");
        assertThat(compiler(out).compile("d.md", blocks.get(1))).singleElement().asString()
                .startsWith("d.md:7: cannot find symbol").contains("variable store");
    }

    @Test
    void anInventedClassNameFails() {
        NameIndex index = NameIndex.of(Set.of("OAuthClient", "TokenStore", "InMemoryTokenStore"), Set.of("IOException"));
        NameChecker checker = new NameChecker(index, Set.of("RegisteredClient"), Set.of());
        String doc = """
                Use `OAuthClient` with an `InMemoryTokenStore`; failures are `IOException`s.
                Spring's `RegisteredClient` is allowed by name.

                Not `OAuthCoreService`, which
                does not exist, nor `NeonOAuthModule` (line 5).

                ```java
                // code blocks are compiled, not name-checked: InventedStore
                ```
                """;

        List<String> failures = checker.check("docs/names.md", doc);

        assertThat(failures).containsExactly(
                "docs/names.md:4: `OAuthCoreService` names no class of the project, the JDK or the libraries on the"
                        + " class path (in `OAuthCoreService`)",
                "docs/names.md:5: `NeonOAuthModule` names no class of the project, the JDK or the libraries on the"
                        + " class path (in `NeonOAuthModule`)");
        assertThat(checker.projectLookingNames).isEqualTo(6);
    }

    @Test
    void realNamesMembersAndFullyQualifiedNamesAreChecked() {
        NameIndex index = NameIndex.build(DocsSnippetsTest.REPOSITORY);
        NameChecker checker = new NameChecker(index, Set.of(), Set.of());
        String doc = """
                `dev.neonoauth.core.OAuthClient` and `dev.neonoauth.core.port.out.RevocationEndpoint.Outcome` exist,
                `dev.neonoauth.core.port.out.neon.NeonApi` does not.
                `OAuthClient.builder()`, `TokenResponse.Issued`, `NeonScopes.DEFAULT`, `HexagonTest` exist;
                `OAuthClient.create()` and `NeonApiConfig.HttpLogLevel` do not.
                `OAuthHttpConfig.fromEnvironment(env, "OAUTH_")` reads `OAUTH_ISSUER`, not `OAUTH_CLIENT_NAME`.
                `NEON_CLIENT_AUTH` exists, `NEON_CLIENT_COLOUR` does not.
                """;

        List<String> failures = checker.check("docs/real.md", doc);

        assertThat(failures).hasSize(5);
        assertThat(failures.get(0)).isEqualTo("docs/real.md:2: `dev.neonoauth.core.port.out.neon.NeonApi` is not a "
                + "class of the project");
        assertThat(failures.get(1)).startsWith("docs/real.md:4: `OAuthClient` has no member `create`");
        assertThat(failures.get(2)).startsWith("docs/real.md:4: `NeonApiConfig` has no member `HttpLogLevel`");
        assertThat(failures.get(3)).startsWith("docs/real.md:6: the variable NEON_CLIENT_COLOUR");
        assertThat(failures.get(4)).startsWith("docs/real.md:5: the variable OAUTH_CLIENT_NAME");
    }

    @Test
    void anExcerptMustStillBeInItsSourceFile() {
        String source = """
                class Main {
                    void run() {
                        OAuthClient oauth = build();

                        oauth.disconnect();
                    }
                }
                """;
        String doc = """
                ## Sign out

                From [`Main.java`](../src/Main.java):

                ```java
                OAuthClient oauth = build();
                oauth.disconnect();
                ```

                ```java
                oauth.disconnect();
                oauth.signOutEverywhere();
                ```
                """;
        List<Markdown.CodeBlock> blocks = Markdown.codeBlocks(doc);

        assertThat(blocks).extracting(Markdown.CodeBlock::sourceLink).containsOnly(java.util.Optional.of("../src/Main.java"));
        assertThat(Markdown.isExcerptOf(blocks.get(0).code(), source)).isTrue();
        assertThat(Markdown.isExcerptOf(blocks.get(1).code(), source)).isFalse();
        assertThat(Markdown.codeBlocks("## Other\n\n```java\nint x = 1;\n```\n").get(0).sourceLink()).isEmpty();
    }
}
