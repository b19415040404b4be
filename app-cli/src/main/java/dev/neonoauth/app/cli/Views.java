package dev.neonoauth.app.cli;

import dev.neonoauth.neon.api.Branch;
import dev.neonoauth.neon.api.Database;
import dev.neonoauth.neon.api.Endpoint;
import dev.neonoauth.neon.api.NeonUser;
import dev.neonoauth.neon.api.Operation;
import dev.neonoauth.neon.api.Organization;
import dev.neonoauth.neon.api.Project;
import dev.neonoauth.neon.api.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API records as ordered maps with Neon's snake_case field names, for {@code -o json|yaml} and tables. */
final class Views {
    private Views() {}

    static Map<String, Object> project(Project p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("region_id", p.regionId());
        m.put("pg_version", p.pgVersion());
        m.put("org_id", p.orgId());
        m.put("history_retention_seconds", p.historyRetentionSeconds());
        m.put("created_at", p.createdAt());
        m.put("updated_at", p.updatedAt());
        return m;
    }

    static Map<String, Object> branch(Branch b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("project_id", b.projectId());
        m.put("parent_id", b.parentId());
        m.put("name", b.name());
        m.put("default", b.isDefault());
        m.put("protected", b.isProtected());
        m.put("current_state", b.currentState());
        m.put("logical_size_bytes", b.logicalSizeBytes());
        m.put("created_at", b.createdAt());
        return m;
    }

    static Map<String, Object> operation(Operation o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("action", o.action());
        m.put("status", o.status().wireValue());
        m.put("branch_id", o.branchId());
        m.put("error", o.error());
        return m;
    }

    static List<Map<String, Object>> operations(List<Operation> operations) {
        return operations.stream().map(Views::operation).toList();
    }

    /** The operations as a table shows them ({@code action=status}), or as documents for -o json|yaml. */
    static List<?> operationsFor(CliContext ctx, List<Operation> operations) {
        return ctx.options().output == OutputFormat.table
                ? operations.stream().map(o -> o.action() + "=" + o.status().wireValue()).toList()
                : operations(operations);
    }

    static Map<String, Object> endpoint(Endpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("branch_id", e.branchId());
        m.put("type", e.type());
        m.put("host", e.host());
        m.put("current_state", e.currentState());
        return m;
    }

    static Map<String, Object> database(Database d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("branch_id", d.branchId());
        m.put("name", d.name());
        m.put("owner_name", d.ownerName());
        return m;
    }

    /** A role without its password, whether or not the answer carried one. */
    static Map<String, Object> role(Role r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("branch_id", r.branchId());
        m.put("name", r.name());
        return m;
    }

    static Map<String, Object> organization(Organization o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("name", o.name());
        m.put("handle", o.handle());
        return m;
    }

    static Map<String, Object> user(NeonUser u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("email", u.email());
        m.put("name", u.name());
        m.put("login", u.login());
        return m;
    }

    static List<Object> projectRow(Project p) {
        return List.of(p.id(), p.name(), p.regionId(), p.pgVersion(), p.createdAt().toString());
    }

    static final List<String> PROJECT_HEADERS = List.of("ID", "NAME", "REGION", "PG", "CREATED");
}
