package dev.neonoauth.neon.api;

import java.util.List;
import java.util.Objects;

/** The 201 answer to {@code POST /projects}: the project and everything Neon created with it. */
public record ProjectCreated(
        Project project,
        List<ConnectionUri> connectionUris,
        List<Role> roles,
        List<Database> databases,
        Branch branch,
        List<Endpoint> endpoints,
        List<Operation> operations) {
    public ProjectCreated {
        Objects.requireNonNull(project, "project == null");
        Objects.requireNonNull(branch, "branch == null");
        connectionUris = List.copyOf(connectionUris);
        roles = List.copyOf(roles);
        databases = List.copyOf(databases);
        endpoints = List.copyOf(endpoints);
        operations = List.copyOf(operations);
    }
}
