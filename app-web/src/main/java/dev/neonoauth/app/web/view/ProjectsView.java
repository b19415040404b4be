package dev.neonoauth.app.web.view;

import dev.neonoauth.neon.api.Organization;
import java.util.List;
import java.util.Optional;

/** The projects page: the list, the organizations to choose from, and the choices of the create form. */
public record ProjectsView(
        List<ProjectRow> projects,
        List<Organization> organizations,
        Optional<String> organization,
        List<String> regions,
        List<Integer> pgVersions,
        int defaultPgVersion) {
    public ProjectsView {
        projects = List.copyOf(projects);
        organizations = List.copyOf(organizations);
        regions = List.copyOf(regions);
        pgVersions = List.copyOf(pgVersions);
    }
}
