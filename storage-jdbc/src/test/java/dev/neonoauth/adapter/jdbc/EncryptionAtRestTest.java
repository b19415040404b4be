package dev.neonoauth.adapter.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class EncryptionAtRestTest extends EncryptionAtRestCases {
    @TempDir
    static Path directory;

    @Override
    TestDatabase database() {
        return new H2TestDatabase(directory);
    }
}
