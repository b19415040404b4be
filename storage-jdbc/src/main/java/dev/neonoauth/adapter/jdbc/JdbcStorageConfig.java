package dev.neonoauth.adapter.jdbc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Configuration of the JDBC stores: where the database is, how large the pool is, and where the AEAD key set comes
 * from.
 *
 * <p>Public because the composition root builds it (from the environment or by hand) and hands it to
 * {@link JdbcStorageModule} or {@link JdbcStorage#open}; it is a plain value with no behaviour besides validation.
 *
 * <p>Two set-ups:
 * <ul>
 *   <li><b>Embedded default</b> (no JDBC URL): an H2 file database {@code tokens.mv.db} and a key set file
 *       {@code keyset.json} in the data directory ({@code $NEON_OAUTH_DATA_DIR}, else {@code $XDG_DATA_HOME/neon-oauth},
 *       else {@code ~/.local/share/neon-oauth}); both are created on first use, owner-only (0700 / 0600).
 *   <li><b>Explicit database</b> (a JDBC URL, H2 or PostgreSQL, e.g. a Neon database): a key set must be given,
 *       inline ({@link Builder#keysetJson}) or as a file ({@link Builder#keysetFile}); {@link Builder#build()} fails
 *       with a clear message otherwise, so a misconfigured deployment does not start.
 * </ul>
 *
 * <p>{@link #toString()} never shows the password, the inline key set or the query part of the JDBC URL (which can
 * carry a password).
 */
public final class JdbcStorageConfig {
    /** JDBC URL; unset means the embedded H2 default. */
    public static final String ENV_JDBC_URL = "NEON_OAUTH_JDBC_URL";
    public static final String ENV_JDBC_USER = "NEON_OAUTH_JDBC_USER";
    public static final String ENV_JDBC_PASSWORD = "NEON_OAUTH_JDBC_PASSWORD";
    /** Schema for the tables; unset means the connection's default schema. */
    public static final String ENV_SCHEMA = "NEON_OAUTH_JDBC_SCHEMA";
    /** The Tink key set as JSON (cleartext key set; keep it in a secret manager). */
    public static final String ENV_KEYSET = "NEON_OAUTH_KEYSET";
    /** A path to the Tink JSON key set file. */
    public static final String ENV_KEYSET_FILE = "NEON_OAUTH_KEYSET_FILE";
    /** Overrides the data directory of the embedded default. */
    public static final String ENV_DATA_DIR = "NEON_OAUTH_DATA_DIR";
    public static final String ENV_POOL_SIZE = "NEON_OAUTH_JDBC_POOL_SIZE";
    /** Interval of the expired pending-authorization purge as an ISO-8601 duration ({@code PT10M}); {@code PT0S} turns it off. */
    public static final String ENV_PURGE_INTERVAL = "NEON_OAUTH_PURGE_INTERVAL";

    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofMinutes(10);

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final Optional<String> jdbcUrl;
    private final Optional<String> user;
    private final Optional<String> password;
    private final Optional<String> schema;
    private final int maximumPoolSize;
    private final Duration connectionTimeout;
    private final Optional<String> keysetJson;
    private final Optional<Path> keysetFile;
    private final Optional<Path> dataDirectory;
    private final Duration purgeInterval;

    private JdbcStorageConfig(Builder b) {
        this.jdbcUrl = b.jdbcUrl;
        this.user = b.user;
        this.password = b.password;
        this.schema = b.schema;
        this.maximumPoolSize = b.maximumPoolSize;
        this.connectionTimeout = b.connectionTimeout;
        this.keysetJson = b.keysetJson;
        this.keysetFile = b.keysetFile;
        this.dataDirectory = b.dataDirectory;
        this.purgeInterval = b.purgeInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder pre-filled with every value of this configuration, for deriving a variant (another schema, pool size,
     * ...). The original is not changed; {@link Builder#build()} validates the result again.
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.jdbcUrl = jdbcUrl;
        b.user = user;
        b.password = password;
        b.schema = schema;
        b.maximumPoolSize = maximumPoolSize;
        b.connectionTimeout = connectionTimeout;
        b.keysetJson = keysetJson;
        b.keysetFile = keysetFile;
        b.dataDirectory = dataDirectory;
        b.purgeInterval = purgeInterval;
        return b;
    }

    /** The embedded default: H2 file database and a generated key file in the data directory. */
    public static JdbcStorageConfig embeddedDefault() {
        return builder().build();
    }

    /**
     * Reads the configuration from environment variables ({@code ENV_*} constants of this class); pass
     * {@code System.getenv()}. Without {@value #ENV_JDBC_URL} the embedded default is used, with the data directory
     * resolved from {@value #ENV_DATA_DIR}, {@code XDG_DATA_HOME} or {@code HOME} in {@code env}.
     *
     * @throws IllegalArgumentException if a value is malformed or the combination is not allowed
     */
    public static JdbcStorageConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env == null");
        Builder b = builder();
        value(env, ENV_JDBC_URL).ifPresent(b::jdbcUrl);
        value(env, ENV_JDBC_USER).ifPresent(b::user);
        value(env, ENV_JDBC_PASSWORD).ifPresent(b::password);
        value(env, ENV_SCHEMA).ifPresent(b::schema);
        value(env, ENV_KEYSET).ifPresent(b::keysetJson);
        value(env, ENV_KEYSET_FILE).ifPresent(f -> b.keysetFile(Path.of(f)));
        value(env, ENV_POOL_SIZE).ifPresent(n -> {
            try {
                b.maximumPoolSize(Integer.parseInt(n.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(ENV_POOL_SIZE + " is not a number: " + n, e);
            }
        });
        value(env, ENV_PURGE_INTERVAL).ifPresent(d -> {
            try {
                b.purgeInterval(Duration.parse(d.trim()));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(ENV_PURGE_INTERVAL + " is not an ISO-8601 duration (e.g. PT10M): " + d, e);
            }
        });
        b.dataDirectory(DataDirectory.resolve(env, System.getProperty("user.home")));
        return b.build();
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    /** The JDBC URL; empty means the embedded default. */
    public Optional<String> jdbcUrl() {
        return jdbcUrl;
    }

    public Optional<String> user() {
        return user;
    }

    public Optional<String> password() {
        return password;
    }

    /** The schema of the tables and of the migration history; empty means the connection's default schema. */
    public Optional<String> schema() {
        return schema;
    }

    public int maximumPoolSize() {
        return maximumPoolSize;
    }

    /** How long a store operation waits for a pooled connection. */
    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    public Optional<String> keysetJson() {
        return keysetJson;
    }

    public Optional<Path> keysetFile() {
        return keysetFile;
    }

    /** The data directory of the embedded default; empty means resolved from the process environment on open. */
    public Optional<Path> dataDirectory() {
        return dataDirectory;
    }

    /** How often expired pending authorizations are purged; zero turns the scheduled purge off. */
    public Duration purgeInterval() {
        return purgeInterval;
    }

    public boolean isEmbeddedDefault() {
        return jdbcUrl.isEmpty();
    }

    /** The JDBC URL without its query or parameters, for messages: they can carry credentials. */
    static String redactUrl(String url) {
        String out = url;
        int query = out.indexOf('?');
        if (query >= 0) {
            out = out.substring(0, query) + "?[redacted]";
        }
        int semicolon = out.indexOf(';');
        if (semicolon >= 0) {
            out = out.substring(0, semicolon) + ";[redacted]";
        }
        return out.replaceAll("//[^/@]*@", "//[redacted]@");
    }

    @Override
    public String toString() {
        String keyset = keysetJson.isPresent() ? "inline [redacted]"
                : keysetFile.map(p -> "file " + p).orElse("embedded default file");
        return "JdbcStorageConfig{jdbcUrl=" + jdbcUrl.map(JdbcStorageConfig::redactUrl).orElse("embedded H2 default")
                + ", user=" + user.orElse("none")
                + ", password=" + (password.isPresent() ? "[redacted]" : "none")
                + ", schema=" + schema.orElse("default")
                + ", maximumPoolSize=" + maximumPoolSize
                + ", connectionTimeout=" + connectionTimeout
                + ", keyset=" + keyset
                + ", dataDirectory=" + dataDirectory.map(Path::toString).orElse("from environment")
                + ", purgeInterval=" + purgeInterval + "}";
    }

    /** Builder; {@link #build()} validates the combination. */
    public static final class Builder {
        private Optional<String> jdbcUrl = Optional.empty();
        private Optional<String> user = Optional.empty();
        private Optional<String> password = Optional.empty();
        private Optional<String> schema = Optional.empty();
        private int maximumPoolSize = DEFAULT_POOL_SIZE;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private Optional<String> keysetJson = Optional.empty();
        private Optional<Path> keysetFile = Optional.empty();
        private Optional<Path> dataDirectory = Optional.empty();
        private Duration purgeInterval = DEFAULT_PURGE_INTERVAL;

        private Builder() {}

        /** A {@code jdbc:postgresql:} or {@code jdbc:h2:} URL. */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = Optional.of(Objects.requireNonNull(jdbcUrl, "jdbcUrl == null"));
            return this;
        }

        public Builder user(String user) {
            this.user = Optional.of(Objects.requireNonNull(user, "user == null"));
            return this;
        }

        public Builder password(String password) {
            this.password = Optional.of(Objects.requireNonNull(password, "password == null"));
            return this;
        }

        /** Lower-case SQL identifier ({@code [a-z_][a-z0-9_]*}); created by the migration if absent. */
        public Builder schema(String schema) {
            this.schema = Optional.of(Objects.requireNonNull(schema, "schema == null"));
            return this;
        }

        public Builder maximumPoolSize(int maximumPoolSize) {
            this.maximumPoolSize = maximumPoolSize;
            return this;
        }

        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = Objects.requireNonNull(connectionTimeout, "connectionTimeout == null");
            return this;
        }

        /** The Tink key set in its JSON form. */
        public Builder keysetJson(String keysetJson) {
            this.keysetJson = Optional.of(Objects.requireNonNull(keysetJson, "keysetJson == null"));
            return this;
        }

        /** A file holding the Tink key set in its JSON form. */
        public Builder keysetFile(Path keysetFile) {
            this.keysetFile = Optional.of(Objects.requireNonNull(keysetFile, "keysetFile == null"));
            return this;
        }

        /** The directory of the embedded default's database and key file. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = Optional.of(Objects.requireNonNull(dataDirectory, "dataDirectory == null"));
            return this;
        }

        public Builder purgeInterval(Duration purgeInterval) {
            this.purgeInterval = Objects.requireNonNull(purgeInterval, "purgeInterval == null");
            return this;
        }

        /**
         * @throws IllegalArgumentException when a JDBC URL is set without a key set, when both key set sources are
         *     set, or when a value is out of range
         */
        public JdbcStorageConfig build() {
            jdbcUrl.ifPresent(url -> {
                String lower = url.toLowerCase(Locale.ROOT);
                if (!lower.startsWith("jdbc:postgresql:") && !lower.startsWith("jdbc:h2:")) {
                    throw new IllegalArgumentException("storage-jdbc supports PostgreSQL (jdbc:postgresql:...) and H2 "
                            + "(jdbc:h2:...) URLs; got " + redactUrl(url));
                }
                if (keysetJson.isEmpty() && keysetFile.isEmpty()) {
                    throw new IllegalArgumentException("storage-jdbc: no encryption key set is configured for the "
                            + "database " + redactUrl(url) + ". Tokens are encrypted at rest and a key set is only "
                            + "generated for the embedded default. Set " + ENV_KEYSET + " (the Tink JSON key set) or "
                            + ENV_KEYSET_FILE + " (a path to it); create one with "
                            + "'java -cp <classpath> dev.neonoauth.adapter.jdbc.KeyRotation new-keyset'. "
                            + "See docs/storage-jdbc.md, \"Key management\".");
                }
            });
            if (keysetJson.isPresent() && keysetFile.isPresent()) {
                throw new IllegalArgumentException("storage-jdbc: set either " + ENV_KEYSET + " or " + ENV_KEYSET_FILE
                        + ", not both");
            }
            schema.ifPresent(s -> {
                if (!SCHEMA_NAME.matcher(s).matches()) {
                    throw new IllegalArgumentException(
                            "schema must be a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most 63 characters): " + s);
                }
            });
            if (maximumPoolSize < 2 || maximumPoolSize > 1000) {
                throw new IllegalArgumentException("maximumPoolSize must be 2 to 1000 (a refresh lock holds one "
                        + "connection while another saves), got " + maximumPoolSize);
            }
            if (connectionTimeout.toMillis() < 250) {
                throw new IllegalArgumentException("connectionTimeout must be at least 250 ms, got " + connectionTimeout);
            }
            if (purgeInterval.isNegative()) {
                throw new IllegalArgumentException("purgeInterval must not be negative, got " + purgeInterval);
            }
            return new JdbcStorageConfig(this);
        }
    }
}
