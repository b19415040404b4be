package dev.neonoauth.adapter.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The refresh race on PostgreSQL with two pools. */
class RefreshRacePostgresIT extends RefreshRaceCases {
    @RegisterExtension
    static final PostgresDatabaseExtension POSTGRES = new PostgresDatabaseExtension();

    @Override
    TestDatabase database() {
        return POSTGRES;
    }
}
