package dev.neonoauth.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core knows OAuth 2.0 and OpenID Connect, not a provider: no main source file names Neon, except the project's
 * own package name ({@code dev.neonoauth}) and the one package-level note that Neon is one provider among others
 * (docs/adr/0013-provider-agnostic-core-and-module-split.md).
 */
class ProviderAgnosticCoreTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Pattern PROJECT_NAME = Pattern.compile("dev\\.neonoauth|neon-oauth", Pattern.CASE_INSENSITIVE);
    private static final Path ALLOWED = Path.of("dev", "neonoauth", "core", "package-info.java");

    @Test
    void noMainSourceMentionsNeonBeyondTheProjectName() throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (MAIN.relativize(file).equals(ALLOWED)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String withoutProjectName = PROJECT_NAME.matcher(lines.get(i)).replaceAll("");
                    if (withoutProjectName.toLowerCase(Locale.ROOT).contains("neon")) {
                        hits.add(MAIN.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(hits).as("provider-specific text in oauth-core's main sources").isEmpty();
        assertThat(Files.readString(MAIN.resolve(ALLOWED))).containsIgnoringCase("neon");
    }

    @Test
    void theCheckFindsAMentionWhenThereIsOne() {
        String line = "public static final URI NEON_ISSUER = URI.create(\"https://oauth2.neon.tech/\");";
        assertThat(PROJECT_NAME.matcher(line).replaceAll("").toLowerCase(Locale.ROOT)).contains("neon");
        assertThat(PROJECT_NAME.matcher("import dev.neonoauth.core.domain.Scope;").replaceAll("")
                .toLowerCase(Locale.ROOT)).doesNotContain("neon");
    }
}
