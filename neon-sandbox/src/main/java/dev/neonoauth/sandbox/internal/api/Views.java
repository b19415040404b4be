package dev.neonoauth.sandbox.internal.api;

import dev.neonoauth.sandbox.SandboxUser;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Branch;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Database;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Endpoint;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Operation;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Org;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Project;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders records in the shapes of Neon's API description ({@code neon-api-v2.yaml}): every property the
 * description marks as required is present with the declared type and format.
 */
final class Views {

    private static final long BRANCH_SIZE_LIMIT_MIB = 3072;
    private final NeonData data;

    Views(NeonData data) {
        this.data = data;
    }

    static String ts(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    Map<String, Object> user(SandboxUser u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("active_seconds_limit", 0L);
        m.put("auth_accounts", List.of(Map.of("provider", "keycloak", "email", u.email(), "name", u.displayName(),
                "login", u.email(), "image", "")));
        m.put("email", u.email());
        m.put("id", u.id());
        m.put("image", "");
        m.put("login", u.email());
        m.put("name", u.name());
        m.put("last_name", u.lastName());
        m.put("projects_limit", 100L);
        m.put("branches_limit", 10L);
        m.put("max_autoscaling_limit", 2.0);
        m.put("plan", "free_v3");
        return m;
    }

    Map<String, Object> org(Org o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("name", o.name());
        m.put("handle", o.handle());
        m.put("plan", o.plan());
        m.put("created_at", ts(o.createdAt()));
        m.put("managed_by", "console");
        m.put("updated_at", ts(o.updatedAt()));
        return m;
    }

    /** {@code ProjectListItem}. */
    Map<String, Object> projectListItem(Project p) {
        Map<String, Object> m = projectCommon(p);
        m.put("active_time", 0L);
        if (p.deletedAt() != null) {
            m.put("deleted_at", ts(p.deletedAt()));
            m.put("recoverable_until", ts(p.deletedAt().plus(NeonData.RECOVERY_WINDOW)));
        }
        return m;
    }

    /** {@code Project}. */
    Map<String, Object> project(Project p, SandboxUser owner) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data_storage_bytes_hour", 0L);
        m.put("data_transfer_bytes", 0L);
        m.put("written_data_bytes", 0L);
        m.put("compute_time_seconds", 0L);
        m.put("active_time_seconds", 0L);
        m.putAll(projectCommon(p));
        m.put("history_retention_seconds", p.historyRetentionSeconds());
        ZonedDateTime month = data.now().atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        m.put("consumption_period_start", ts(month.toInstant()));
        m.put("consumption_period_end", ts(month.plusMonths(1).toInstant()));
        if (owner != null) {
            m.put("owner", Map.of("email", owner.email(), "name", owner.displayName(), "branches_limit", 10,
                    "subscription_type", "free_v3"));
        }
        return m;
    }

    private Map<String, Object> projectCommon(Project p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_used_sec", 0L);
        m.put("id", p.id());
        m.put("platform_id", Regions.platform(p.regionId()));
        m.put("region_id", p.regionId());
        m.put("name", p.name());
        m.put("provisioner", "k8s-neonvm");
        m.put("default_endpoint_settings", Map.of("autoscaling_limit_min_cu", 0.25, "autoscaling_limit_max_cu", 2.0,
                "suspend_timeout_seconds", 0));
        m.put("settings", Map.of("enable_logical_replication", false));
        m.put("pg_version", p.pgVersion());
        m.put("proxy_host", Regions.proxyHost(p.regionId()));
        m.put("branch_logical_size_limit", BRANCH_SIZE_LIMIT_MIB);
        m.put("branch_logical_size_limit_bytes", BRANCH_SIZE_LIMIT_MIB * 1024 * 1024);
        m.put("store_passwords", p.storePasswords());
        m.put("creation_source", p.creationSource());
        m.put("created_at", ts(p.createdAt()));
        m.put("updated_at", ts(p.updatedAt()));
        m.put("owner_id", p.ownerId());
        if (p.orgId() != null) {
            m.put("org_id", p.orgId());
        }
        return m;
    }

    Map<String, Object> branch(Branch b) {
        Instant now = data.now();
        boolean init = b.deletedAt() == null && data.branchInitializing(b, now);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("project_id", b.projectId());
        if (b.parentId() != null) {
            m.put("parent_id", b.parentId());
            if (b.parentLsn() != null) {
                m.put("parent_lsn", b.parentLsn());
            }
            if (b.parentTimestamp() != null) {
                // a branch restored to an LSN has none (neon-api-v2.yaml: "this value might stay empty")
                m.put("parent_timestamp", ts(b.parentTimestamp()));
            }
        }
        m.put("name", b.name());
        m.put("current_state", init ? "init" : "ready");
        if (init) {
            m.put("pending_state", "ready");
        }
        m.put("state_changed_at", ts(b.updatedAt()));
        m.put("logical_size", 30_408_704L);
        m.put("creation_source", "console");
        m.put("primary", b.isDefault());
        m.put("default", b.isDefault());
        m.put("protected", false);
        m.put("cpu_used_sec", 0L);
        m.put("compute_time_seconds", 0L);
        m.put("active_time_seconds", 0L);
        m.put("written_data_bytes", 0L);
        m.put("data_transfer_bytes", 0L);
        m.put("created_at", ts(b.createdAt()));
        m.put("updated_at", ts(b.updatedAt()));
        if (b.initSource() != null) {
            m.put("init_source", b.initSource());
        }
        return m;
    }

    Map<String, Object> annotation(Branch b) {
        return Map.of("object", Map.of("type", "console/branch", "id", b.id()), "value", Map.of());
    }

    Map<String, Object> endpoint(Endpoint e, String regionId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", host(e, regionId, false));
        m.put("id", e.id());
        m.put("project_id", e.projectId());
        m.put("branch_id", e.branchId());
        m.put("autoscaling_limit_min_cu", e.minCu());
        m.put("autoscaling_limit_max_cu", e.maxCu());
        m.put("region_id", regionId);
        m.put("type", e.type());
        m.put("current_state", data.endpointState(e, data.now()));
        m.put("settings", Map.of());
        m.put("pooler_enabled", false);
        m.put("pooler_mode", "transaction");
        m.put("disabled", false);
        m.put("passwordless_access", true);
        m.put("creation_source", "console");
        m.put("created_at", ts(e.createdAt()));
        m.put("updated_at", ts(e.updatedAt()));
        m.put("proxy_host", Regions.proxyHost(regionId));
        m.put("suspend_timeout_seconds", 0);
        m.put("provisioner", "k8s-neonvm");
        return m;
    }

    /** {@code Role}; the password only in the answers that reveal it (project create, role create, reset). */
    Map<String, Object> role(Role r, boolean withPassword) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("branch_id", r.branchId());
        m.put("name", r.name());
        if (withPassword && r.password() != null) {
            m.put("password", r.password());
        }
        m.put("protected", r.isProtected());
        m.put("authentication_method", r.noLogin() ? "no_login" : "password");
        m.put("created_at", ts(r.createdAt()));
        m.put("updated_at", ts(r.updatedAt()));
        return m;
    }

    Map<String, Object> database(Database d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("branch_id", d.branchId());
        m.put("name", d.name());
        m.put("owner_name", d.ownerName());
        m.put("created_at", ts(d.createdAt()));
        m.put("updated_at", ts(d.updatedAt()));
        return m;
    }

    Map<String, Object> operation(Operation o) {
        Instant now = data.now();
        String status = o.status(now);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("project_id", o.projectId());
        if (o.branchId() != null) {
            m.put("branch_id", o.branchId());
        }
        if (o.endpointId() != null) {
            m.put("endpoint_id", o.endpointId());
        }
        m.put("action", o.action());
        m.put("status", status);
        m.put("failures_count", 0);
        m.put("created_at", ts(o.createdAt()));
        Instant updated = "finished".equals(status) ? o.finishesAt() : "running".equals(status) ? o.runningAt() : o.createdAt();
        m.put("updated_at", ts(updated));
        long ms = Duration.between(o.createdAt(), "finished".equals(status) ? o.finishesAt() : now).toMillis();
        m.put("total_duration_ms", (int) Math.max(0, Math.min(Integer.MAX_VALUE, ms)));
        return m;
    }

    /** {@code ConnectionDetails} of a created project. */
    Map<String, Object> connectionDetails(Endpoint e, String regionId, Role role, Database db) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("database", db.name());
        params.put("password", role.password());
        params.put("role", role.name());
        params.put("host", host(e, regionId, false));
        params.put("pooler_host", host(e, regionId, true));
        return Map.of("connection_uri", connectionUri(e, regionId, role, db, false), "connection_parameters", params);
    }

    /** {@code postgresql://role:password@ep-...[-pooler].region.aws.neon.tech/db?sslmode=require}, as Neon writes it. */
    static String connectionUri(Endpoint e, String regionId, Role role, Database db, boolean pooled) {
        return "postgresql://" + encode(role.name()) + ":" + encode(role.password()) + "@" + host(e, regionId, pooled)
                + "/" + encode(db.name()) + "?sslmode=require";
    }

    static String host(Endpoint e, String regionId, boolean pooled) {
        return e.id() + (pooled ? "-pooler." : ".") + Regions.proxyHost(regionId);
    }

    /** Percent-encodes all but RFC 3986's unreserved characters, so names with spaces or '@' stay one URI part. */
    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
