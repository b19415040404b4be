package dev.neonoauth.app.cli;

/** The {@code -o} formats. Lower-case constants so that picocli accepts {@code -o json} as typed. */
enum OutputFormat {
    table, json, yaml
}
