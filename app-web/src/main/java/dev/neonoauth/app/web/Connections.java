package dev.neonoauth.app.web;

import dev.neonoauth.app.web.view.ConnectionView;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.port.out.InfrastructureException;
import dev.neonoauth.neon.api.Branch;
import dev.neonoauth.neon.api.ConnectionUri;
import dev.neonoauth.neon.api.ConnectionUriQuery;
import dev.neonoauth.neon.api.Database;
import dev.neonoauth.neon.api.MissingScopeException;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.NeonApiException;
import dev.neonoauth.neon.api.Role;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A branch's connection string for its page: the databases and roles to choose from, pooled or direct, the password
 * masked unless the user asked for it. The string is never logged: failures log Neon's status and request id only.
 */
@Singleton
final class Connections {
    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);
    private final NeonApi neon;

    @Inject
    Connections(NeonApi neon) {
        this.neon = neon;
    }

    ConnectionView of(Context ctx, AccountKey account, String projectId, Branch branch, boolean reveal) {
        List<Database> databases;
        List<String> roles;
        try {
            databases = neon.listDatabases(account, projectId, branch.id());
            roles = neon.listRoles(account, projectId, branch.id()).stream().map(Role::name).toList();
        } catch (MissingScopeException | InfrastructureException e) {
            rethrowRefusal(e);
            log(ctx, "its databases and roles", e);
            return ConnectionView.unavailable(branch.id(), branch.name(), "Neon could not list this branch's databases"
                    + " and roles just now. Reload the page in a moment.");
        }
        if (databases.isEmpty() || roles.isEmpty()) {
            return ConnectionView.unavailable(branch.id(), branch.name(), "This branch has no database or no role to"
                    + " connect with yet." + (branch.currentState().equals("ready") ? "" : " It is still being created:"
                    + " reload the page in a moment."));
        }
        List<String> names = databases.stream().map(Database::name).toList();
        String database = choose(ProjectRoutes.param(ctx, "db"), names);
        String owner = databases.stream().filter(d -> d.name().equals(database)).map(Database::ownerName).findFirst()
                .filter(roles::contains).orElse(roles.get(0));
        String role = Optional.ofNullable(ProjectRoutes.param(ctx, "role")).filter(roles::contains).orElse(owner);
        boolean pooled = "true".equals(ProjectRoutes.param(ctx, "pooled"));
        ConnectionUri uri;
        try {
            uri = neon.getConnectionUri(account, projectId,
                    ConnectionUriQuery.of(database, role).onBranch(branch.id()).withPooling(pooled));
        } catch (NeonApiException e) {
            rethrowRefusal(e);
            log(ctx, "its connection string", e);
            boolean noEndpoint = e.httpStatus() == 404 && hasNoEndpoint(account, projectId, branch);
            String why = e.httpStatus() == 412
                    ? "Neon does not keep this project's passwords, so it cannot give a connection string. Reset the"
                            + " role's password in the Neon console to get one."
                    : noEndpoint
                            ? "This branch has no compute endpoint, so nothing can connect to it yet. Add one to get"
                                    + " its connection string."
                            : "Neon has no connection string for this branch just now: its compute may still be"
                                    + " starting. Reload the page in a moment.";
            return new ConnectionView(branch.id(), branch.name(), names, roles, database, role, pooled,
                    Optional.empty(), Optional.empty(), Optional.of(why), noEndpoint);
        } catch (MissingScopeException | InfrastructureException e) {
            log(ctx, "its connection string", e);
            return new ConnectionView(branch.id(), branch.name(), names, roles, database, role, pooled,
                    Optional.empty(), Optional.empty(), Optional.of("Neon could not give this branch's connection"
                            + " string just now. Reload the page in a moment."), false);
        }
        return new ConnectionView(branch.id(), branch.name(), names, roles, database, role, pooled,
                Optional.of(ConnectionView.mask(uri.uri())), reveal ? Optional.of(uri.uri()) : Optional.empty(),
                Optional.empty(), false);
    }

    private boolean hasNoEndpoint(AccountKey account, String projectId, Branch branch) {
        try {
            return neon.listBranchEndpoints(account, projectId, branch.id()).isEmpty();
        } catch (MissingScopeException | InfrastructureException e) {
            return false;
        }
    }

    /** Neon refused the token even after a refresh: the reconnect page, as for any other call. */
    private static void rethrowRefusal(RuntimeException e) {
        if (e instanceof NeonApiException n && n.httpStatus() == 401) {
            throw n;
        }
    }

    private static String choose(String asked, List<String> names) {
        return asked != null && names.contains(asked) ? asked : names.get(0);
    }

    private static void log(Context ctx, String what, RuntimeException e) {
        if (e instanceof NeonApiException n) {
            LOG.warn("request {}: Neon could not give a branch's {} (status={} code={} neonRequestId={})",
                    RequestIds.of(ctx), what, n.httpStatus(), n.code().orElse("-"), n.requestId().orElse("-"));
        } else {
            LOG.warn("request {}: Neon could not give a branch's {} ({})", RequestIds.of(ctx), what,
                    e.getClass().getSimpleName());
        }
    }
}
