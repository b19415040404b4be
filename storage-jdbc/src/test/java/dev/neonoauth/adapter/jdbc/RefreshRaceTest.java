package dev.neonoauth.adapter.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The refresh race on one H2 file database shared by two pools. */
class RefreshRaceTest extends RefreshRaceCases {
    @TempDir
    static Path directory;

    @Override
    TestDatabase database() {
        return new H2TestDatabase(directory);
    }
}
