package dev.neonoauth.adapter.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** An H2 file database in a directory, in the PostgreSQL mode the embedded default uses. */
final class H2TestDatabase implements TestDatabase {
    static final String MODE = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    private final String url;

    H2TestDatabase(Path directory) {
        this.url = "jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath() + MODE;
    }

    String url() {
        return url;
    }

    @Override
    public JdbcStorageConfig.Builder configWith(String keysetJson) {
        return JdbcStorageConfig.builder().jdbcUrl(url).user("sa").password("").keysetJson(keysetJson);
    }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    @Override
    public String table(String name) {
        return name;
    }

    @Override
    public String name() {
        return "H2";
    }
}
