package dev.neonoauth.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SchemaFastPathCases} on an H2 file database in PostgreSQL mode, plus the checks that need no second
 * database: the constant matches the migration files, and a fast-path start does not load Flyway at all.
 */
class SchemaFastPathTest extends SchemaFastPathCases {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

    @TempDir
    static Path directory;

    @Override
    TestDatabase database() {
        return new H2TestDatabase(directory);
    }

    @Test
    void latestSchemaVersionIsTheHighestMigrationOnTheClasspath() throws Exception {
        String location = Backend.MIGRATIONS.substring("classpath:".length());
        URL url = Backend.class.getClassLoader().getResource(location);
        assertThat(url).as(location + " on the class path").isNotNull();
        List<String> names;
        if (url.getProtocol().equals("jar")) {
            try (FileSystem jar = FileSystems.newFileSystem(URI.create(url.toString().substring(0,
                    url.toString().indexOf("!/"))), Map.of())) {
                names = list(jar.getPath(location));
            }
        } else {
            names = list(Path.of(url.toURI()));
        }
        int highest = 0;
        for (String name : names) {
            Matcher m = VERSIONED.matcher(name);
            assertThat(m.matches()).as("every migration is a versioned V<n>__*.sql file: " + name).isTrue();
            highest = Math.max(highest, Integer.parseInt(m.group(1)));
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(2);
        assertThat(SchemaVersion.LATEST_SCHEMA_VERSION)
                .as("SchemaVersion.LATEST_SCHEMA_VERSION must be raised with every new migration (%s)", names)
                .isEqualTo(highest);
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFastPathStartDoesNotLoadFlywayClasses() throws Exception {
        Path db = Files.createTempDirectory(directory, "child");
        String url = new H2TestDatabase(db).url();
        String keyset = KeyRotation.newKeyset();

        String first = runChild(url, keyset);
        assertThat(first).as("the first start migrates, and the class-load log shows it")
                .contains("done migrationsRun=1").contains("org.flywaydb.core.Flyway ");
        String second = runChild(url, keyset);
        assertThat(second).contains("done migrationsRun=0")
                .contains(SchemaVersion.class.getName())
                .doesNotContain("org.flywaydb")
                .doesNotContain(FlywayMigration.class.getName());
    }

    private static String runChild(String url, String keyset) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xlog:class+load=info:stdout", "-cp",
                System.getProperty("java.class.path"), FastPathChild.class.getName(), url).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("NEON_OAUTH_"));
        pb.environment().put(JdbcStorageConfig.ENV_KEYSET, keyset);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text.lines().filter(l -> !l.contains("[class,load]")).toList().toString())
                .isZero();
        return text;
    }
}
