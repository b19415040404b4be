package dev.neonoauth.app.cli;

import dev.neonoauth.neon.api.Branch;
import dev.neonoauth.neon.api.Operation;
import dev.neonoauth.neon.api.Project;
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

    static List<Object> projectRow(Project p) {
        return List.of(p.id(), p.name(), p.regionId(), p.pgVersion(), p.createdAt().toString());
    }

    static final List<String> PROJECT_HEADERS = List.of("ID", "NAME", "REGION", "PG", "CREATED");
}
