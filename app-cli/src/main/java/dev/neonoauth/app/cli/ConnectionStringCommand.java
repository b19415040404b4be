package dev.neonoauth.app.cli;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.neon.api.Branch;
import dev.neonoauth.neon.api.ConnectionUriQuery;
import dev.neonoauth.neon.api.Database;
import dev.neonoauth.neon.api.Endpoint;
import dev.neonoauth.neon.api.NeonApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code connection-string [BRANCH]}: a Postgres connection string for a database of a branch. It carries the role's
 * password: printing it is what this command is for (as neonctl's), and it is printed on standard output only.
 */
@Command(name = "connection-string", aliases = "cs", mixinStandardHelpOptions = true, description = {
        "Print a connection string (postgresql://...) for a database of a branch.",
        "It contains the role's password: it is printed on standard output only."})
final class ConnectionStringCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(arity = "0..1", paramLabel = "BRANCH",
            description = "The branch, by id or name (default: the project's default branch).")
    String branch;

    @Mixin
    Targets.ProjectOption project = new Targets.ProjectOption();

    @Option(names = {"--role-name", "--role"}, paramLabel = "ROLE",
            description = "The role to connect as (default: the database's owner).")
    String roleName;

    @Option(names = {"--database-name", "--database"}, paramLabel = "DATABASE",
            description = "The database (default: the branch's only database).")
    String databaseName;

    @Option(names = "--pooled", description = "Through the connection pooler (the -pooler host).")
    boolean pooled;

    @Option(names = "--endpoint-type", paramLabel = "TYPE",
            description = "The compute to connect to: read_write (default) or read_only.")
    String endpointType;

    @Option(names = "--ssl", paramLabel = "MODE", defaultValue = "require",
            description = "sslmode: require (default), verify-ca, verify-full, or omit (no sslmode parameter).")
    String ssl;

    @Option(names = "--prisma", description = "For Prisma: adds connect_timeout=30 (and pgbouncer=true when pooled).")
    boolean prisma;

    ConnectionStringCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (branch != null && branch.contains("@")) {
            throw CliException.usage("point-in-time connection strings (BRANCH@TIMESTAMP or BRANCH@LSN) are not "
                    + "supported: Neon's API gives connection strings for a compute only");
        }
        if (!List.of("require", "verify-ca", "verify-full", "omit").contains(ssl)) {
            throw CliException.usage("--ssl must be require, verify-ca, verify-full or omit");
        }
        if (endpointType != null && !List.of("read_write", "read_only").contains(endpointType)) {
            throw CliException.usage("--endpoint-type must be read_write or read_only");
        }
        AccountKey account = ctx.settings().account();
        NeonApi api = ctx.onlineServices().neonApi();
        String projectId = project.projectId;
        Branch b = Targets.branchOrDefault(api, account, projectId, branch);
        Database database = database(api.listDatabases(account, projectId, b.id()), b);
        String role = Optional.ofNullable(roleName).orElse(database.ownerName());
        ConnectionUriQuery query = CliException.usageIfInvalid(() -> ConnectionUriQuery.of(database.name(), role)
                .onBranch(b.id()).withPooling(pooled));
        if (endpointType != null) {
            query = query.onEndpoint(endpoint(api.listBranchEndpoints(account, projectId, b.id()), b).id());
        }
        String uri = withParameters(api.getConnectionUri(account, projectId, query).uri());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("connection_string", uri);
        ctx.output().message(uri, document);
        return ExitCode.SUCCESS;
    }

    private Database database(List<Database> databases, Branch b) {
        if (databaseName != null) {
            return databases.stream().filter(d -> d.name().equals(databaseName)).findFirst()
                    .orElseThrow(() -> CliException.error("branch " + b.name() + " has no database named '"
                            + CliSettings.printable(databaseName) + "' (it has: " + names(databases) + ")"));
        }
        if (databases.size() != 1) {
            throw CliException.usage("branch " + b.name() + " has " + databases.size() + " databases ("
                    + names(databases) + "): choose one with --database-name");
        }
        return databases.get(0);
    }

    private Endpoint endpoint(List<Endpoint> endpoints, Branch b) {
        return endpoints.stream().filter(e -> e.type().equals(endpointType)).findFirst()
                .orElseThrow(() -> CliException.error("branch " + b.name() + " has no " + endpointType + " compute "
                        + "(add one with: neon-oauth branches add-compute " + b.id() + " --type " + endpointType
                        + " --project-id " + project.projectId + ")"));
    }

    private static String names(List<Database> databases) {
        return databases.isEmpty() ? "none" : String.join(", ", databases.stream().map(Database::name).toList());
    }

    /**
     * The URI with {@code sslmode} as --ssl says and Prisma's parameters; its other parameters kept. Plain string
     * work: a parser's error would quote the URI, password and all.
     */
    private String withParameters(String raw) {
        int query = raw.indexOf('?');
        String base = query < 0 ? raw : raw.substring(0, query);
        List<String> parameters = new ArrayList<>();
        if (query >= 0) {
            for (String p : raw.substring(query + 1).split("&")) {
                if (!p.isEmpty() && !p.startsWith("sslmode=")) {
                    parameters.add(p);
                }
            }
        }
        if (!ssl.equals("omit")) {
            parameters.add("sslmode=" + ssl);
        }
        if (prisma) {
            parameters.add("connect_timeout=30");
            if (pooled) {
                parameters.add("pgbouncer=true");
            }
        }
        return parameters.isEmpty() ? base : base + "?" + String.join("&", parameters);
    }
}
