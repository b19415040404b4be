package dev.neonoauth.neon.api;

import java.util.Objects;
import java.util.Optional;

/** Filters for listing projects: an organization, and a search string (name or id). */
public record ProjectQuery(Optional<String> orgId, Optional<String> search) {
    public static final ProjectQuery ALL = new ProjectQuery(Optional.empty(), Optional.empty());

    public ProjectQuery {
        Objects.requireNonNull(orgId, "orgId == null");
        Objects.requireNonNull(search, "search == null");
    }

    public static ProjectQuery inOrganization(String orgId) {
        return new ProjectQuery(Optional.of(orgId), Optional.empty());
    }
}
