package dev.neonoauth.adapter.jdbc;

/**
 * The process {@link SchemaFastPathTest} starts with class-load logging: it opens the storage on the H2 URL
 * {@code args[0]} with the key set in {@code NEON_OAUTH_KEYSET}, runs one operation and prints {@code done}.
 */
final class FastPathChild {
    private FastPathChild() {}

    public static void main(String[] args) {
        JdbcStorageConfig config = JdbcStorageConfig.builder().jdbcUrl(args[0]).user("sa").password("")
                .keysetJson(System.getenv(JdbcStorageConfig.ENV_KEYSET)).build();
        try (JdbcStorage storage = JdbcStorage.open(config)) {
            storage.webSessions().find("fast-path-child");
        }
        System.out.println("done migrationsRun=" + Backend.migrationsRun.get());
    }
}
