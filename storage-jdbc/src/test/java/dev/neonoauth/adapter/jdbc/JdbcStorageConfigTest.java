package dev.neonoauth.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcStorageConfigTest {

    @Test
    void fromEnvironmentWhenNothingIsSetThenEmbeddedDefaultInXdgDataHome() {
        JdbcStorageConfig config = JdbcStorageConfig.fromEnvironment(Map.of("XDG_DATA_HOME", "/xdg/data", "HOME", "/home/u"));

        assertThat(config.isEmbeddedDefault()).isTrue();
        assertThat(config.dataDirectory()).contains(Path.of("/xdg/data/neon-oauth"));
        assertThat(config.maximumPoolSize()).isEqualTo(JdbcStorageConfig.DEFAULT_POOL_SIZE);
        assertThat(config.purgeInterval()).isEqualTo(JdbcStorageConfig.DEFAULT_PURGE_INTERVAL);
    }

    @Test
    void fromEnvironmentWhenXdgIsUnsetOrRelativeThenHomeLocalShare() {
        assertThat(JdbcStorageConfig.fromEnvironment(Map.of("HOME", "/home/u")).dataDirectory())
                .contains(Path.of("/home/u/.local/share/neon-oauth"));
        assertThat(JdbcStorageConfig.fromEnvironment(Map.of("HOME", "/home/u", "XDG_DATA_HOME", "relative")).dataDirectory())
                .as("XDG requires absolute paths").contains(Path.of("/home/u/.local/share/neon-oauth"));
        assertThat(JdbcStorageConfig.fromEnvironment(Map.of("HOME", "/home/u", "XDG_DATA_HOME", "/x",
                JdbcStorageConfig.ENV_DATA_DIR, "/explicit")).dataDirectory()).contains(Path.of("/explicit"));
    }

    @Test
    void fromEnvironmentWhenDatabaseIsSetThenEveryVariableIsRead() {
        JdbcStorageConfig config = JdbcStorageConfig.fromEnvironment(Map.of(
                JdbcStorageConfig.ENV_JDBC_URL, "jdbc:postgresql://db.example:5432/app?sslmode=require",
                JdbcStorageConfig.ENV_JDBC_USER, "app",
                JdbcStorageConfig.ENV_JDBC_PASSWORD, "pw-SECRET",
                JdbcStorageConfig.ENV_SCHEMA, "neon_oauth",
                JdbcStorageConfig.ENV_KEYSET_FILE, "/run/secrets/keyset.json",
                JdbcStorageConfig.ENV_POOL_SIZE, "4",
                JdbcStorageConfig.ENV_PURGE_INTERVAL, "PT1M"));

        assertThat(config.isEmbeddedDefault()).isFalse();
        assertThat(config.user()).contains("app");
        assertThat(config.password()).contains("pw-SECRET");
        assertThat(config.schema()).contains("neon_oauth");
        assertThat(config.keysetFile()).contains(Path.of("/run/secrets/keyset.json"));
        assertThat(config.maximumPoolSize()).isEqualTo(4);
        assertThat(config.purgeInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void buildWhenAJdbcUrlHasNoKeySetThenStartUpFailsWithAClearMessage() {
        assertThatThrownBy(() -> JdbcStorageConfig.fromEnvironment(Map.of(
                JdbcStorageConfig.ENV_JDBC_URL, "jdbc:postgresql://db.example/app?password=pw-SECRET")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no encryption key set")
                .hasMessageContaining(JdbcStorageConfig.ENV_KEYSET)
                .hasMessageContaining(JdbcStorageConfig.ENV_KEYSET_FILE)
                .hasMessageContaining("jdbc:postgresql://db.example/app")
                .hasMessageNotContaining("pw-SECRET");
    }

    @Test
    void buildWhenValuesAreInvalidThenRejected() {
        String keyset = "{}";
        assertThatThrownBy(() -> JdbcStorageConfig.builder().jdbcUrl("jdbc:mysql://x/y").keysetJson(keyset).build())
                .hasMessageContaining("supports PostgreSQL");
        assertThatThrownBy(() -> JdbcStorageConfig.builder().keysetJson(keyset).keysetFile(Path.of("k")).build())
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> JdbcStorageConfig.builder().schema("Public; DROP").build())
                .hasMessageContaining("lower-case SQL identifier");
        assertThatThrownBy(() -> JdbcStorageConfig.builder().maximumPoolSize(1).build())
                .hasMessageContaining("maximumPoolSize");
        assertThatThrownBy(() -> JdbcStorageConfig.fromEnvironment(Map.of(JdbcStorageConfig.ENV_PURGE_INTERVAL, "10m")))
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void toStringWhenSecretsAreConfiguredThenNoneIsShown() {
        String keyset = KeyRotation.newKeyset();
        JdbcStorageConfig config = JdbcStorageConfig.builder()
                .jdbcUrl("jdbc:postgresql://user:pw-in-url-SECRET@db.example/app?password=pw-query-SECRET")
                .password("pw-SECRET")
                .keysetJson(keyset)
                .build();

        assertThat(config.toString()).doesNotContain("SECRET").doesNotContain(keyset)
                .contains("db.example/app").contains("password=[redacted]");
        assertThat(JdbcStorageConfig.redactUrl("jdbc:h2:file:/x;PASSWORD=SECRET")).isEqualTo("jdbc:h2:file:/x;[redacted]");
    }

    @Test
    void toBuilderWhenBuiltUnchangedThenEveryValueIsKeptAndChangesDoNotTouchTheOriginal() {
        JdbcStorageConfig original = JdbcStorageConfig.builder()
                .jdbcUrl("jdbc:postgresql://db.example/app")
                .user("app")
                .password("pw-SECRET")
                .schema("neon_oauth")
                .maximumPoolSize(7)
                .connectionTimeout(Duration.ofSeconds(3))
                .keysetFile(Path.of("/run/secrets/keyset.json"))
                .dataDirectory(Path.of("/data"))
                .purgeInterval(Duration.ofMinutes(2))
                .build();

        JdbcStorageConfig copy = original.toBuilder().build();
        assertThat(copy).isNotSameAs(original);
        assertThat(copy.jdbcUrl()).isEqualTo(original.jdbcUrl());
        assertThat(copy.user()).contains("app");
        assertThat(copy.password()).contains("pw-SECRET");
        assertThat(copy.schema()).contains("neon_oauth");
        assertThat(copy.maximumPoolSize()).isEqualTo(7);
        assertThat(copy.connectionTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(copy.keysetJson()).isEmpty();
        assertThat(copy.keysetFile()).contains(Path.of("/run/secrets/keyset.json"));
        assertThat(copy.dataDirectory()).contains(Path.of("/data"));
        assertThat(copy.purgeInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(copy.toString()).isEqualTo(original.toString());

        JdbcStorageConfig variant = original.toBuilder().schema("other").maximumPoolSize(3).build();
        assertThat(variant.schema()).contains("other");
        assertThat(variant.maximumPoolSize()).isEqualTo(3);
        assertThat(variant.user()).contains("app");
        assertThat(original.schema()).as("the original is unchanged").contains("neon_oauth");
        assertThat(original.maximumPoolSize()).isEqualTo(7);
    }

    @Test
    void toBuilderWhenTheResultIsInvalidThenBuildStillRejectsIt() {
        JdbcStorageConfig inline = JdbcStorageConfig.builder()
                .jdbcUrl("jdbc:h2:mem:x").keysetJson(KeyRotation.newKeyset()).build();
        assertThat(inline.toBuilder().build().keysetJson()).isEqualTo(inline.keysetJson());
        assertThatThrownBy(() -> inline.toBuilder().keysetFile(Path.of("k")).build())
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> inline.toBuilder().maximumPoolSize(1).build())
                .hasMessageContaining("maximumPoolSize");
        assertThat(JdbcStorageConfig.embeddedDefault().toBuilder().build().isEmbeddedDefault()).isTrue();
    }
}
