package dev.neonoauth.app.cli;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.core.port.in.AuthorizationFlow;
import dev.neonoauth.core.port.in.Disconnect;
import dev.neonoauth.neon.api.Branch;
import dev.neonoauth.neon.api.BranchChange;
import dev.neonoauth.neon.api.BranchCreation;
import dev.neonoauth.neon.api.BranchRestore;
import dev.neonoauth.neon.api.ConnectionUri;
import dev.neonoauth.neon.api.ConnectionUriQuery;
import dev.neonoauth.neon.api.Database;
import dev.neonoauth.neon.api.DatabaseChange;
import dev.neonoauth.neon.api.DatabaseCreation;
import dev.neonoauth.neon.api.Endpoint;
import dev.neonoauth.neon.api.EndpointChange;
import dev.neonoauth.neon.api.EndpointCreation;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.NeonApiException;
import dev.neonoauth.neon.api.NeonUser;
import dev.neonoauth.neon.api.Operation;
import dev.neonoauth.neon.api.OperationStatus;
import dev.neonoauth.neon.api.Organization;
import dev.neonoauth.neon.api.Project;
import dev.neonoauth.neon.api.ProjectChange;
import dev.neonoauth.neon.api.ProjectCreated;
import dev.neonoauth.neon.api.ProjectCreation;
import dev.neonoauth.neon.api.ProjectQuery;
import dev.neonoauth.neon.api.ProjectUpdate;
import dev.neonoauth.neon.api.Role;
import dev.neonoauth.neon.api.RoleChange;
import dev.neonoauth.neon.api.RoleCreation;
import dev.neonoauth.neon.api.RolePassword;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Services whose Neon API answers with hostile strings everywhere a server's string reaches the user: ids, names,
 * emails, states, operation errors, error messages. A logged-in grant is always available.
 */
final class HostileServices implements Services {
    /**
     * Terminal escapes (an OSC title, a screen clear, the 8-bit CSI), bidirectional overrides and isolates, line and
     * paragraph separators, DEL, NEL, CR LF; then ordinary text that must survive (a supplementary character, accents).
     */
    static final String HOSTILE = "evil\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202egnp.exe\u202c\u2066x\u2069"
            + "\u2028\u2029\u007f\u0085\r\nline2 \uD83D\uDE00 ün\u00efcode";
    static final String HOSTILE_ID = "br-\u001b[31m\u009b2Jid\u202e";
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    /** What a terminal must show for a hostile string on one line: every control character as {@code ?}. */
    /** A role password the hostile API hands out: only connection-string and reveal-password may print it. */
    static final String PASSWORD = "npg_hostile_password";

    static Endpoint endpoint() {
        return new Endpoint(HOSTILE_ID, HOSTILE_ID, HOSTILE, "read_write", HOSTILE);
    }

    static String oneLine(String hostile) {
        return UserFacing.TERMINAL_CONTROLS.matcher(hostile.replace('\n', '?')).replaceAll("?");
    }

    static Project project() {
        return new Project(HOSTILE_ID, HOSTILE, HOSTILE, 17, T, T, Optional.of(HOSTILE), Optional.empty());
    }

    static Branch branch(String id, Optional<String> parent) {
        return new Branch(id, HOSTILE_ID, parent, HOSTILE, parent.isEmpty(), false, HOSTILE, T, Optional.empty());
    }

    static Operation operation(OperationStatus status) {
        return new Operation(HOSTILE_ID, HOSTILE_ID, Optional.of(HOSTILE_ID), HOSTILE, status,
                status.isFailure() ? Optional.of(HOSTILE) : Optional.empty(), T, T);
    }

    @Override
    public AuthorizationFlow authorizationFlow() {
        throw new UnsupportedOperationException();
    }

    @Override
    public AccessTokenProvider accessTokens() {
        return new AccessTokenProvider() {
            @Override
            public AccessTokenResult currentToken(AccountKey account) {
                return new AccessTokenResult.Available(new AccessToken("hostile-test-token"),
                        Optional.of(Instant.now().plus(Duration.ofHours(1))), ScopeSet.of(Scope.of("openid")));
            }

            @Override
            public AccessTokenResult refreshAfterRejection(AccountKey account, AccessToken rejected) {
                return currentToken(account);
            }
        };
    }

    @Override
    public Disconnect disconnect() {
        throw new UnsupportedOperationException();
    }

    /**
     * The hostile Neon API: {@link HostileAnswers}' method of the same name answers each call (the port grows; a
     * method the commands under test do not call needs no answer).
     */
    @Override
    public NeonApi neonApi() {
        HostileAnswers answers = new HostileAnswers();
        return (NeonApi) Proxy.newProxyInstance(NeonApi.class.getClassLoader(), new Class<?>[] {NeonApi.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == args[0]
                                : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "HostileNeonApi";
                    }
                    for (Method answer : HostileAnswers.class.getDeclaredMethods()) {
                        if (answer.getName().equals(method.getName())
                                && answer.getParameterCount() == method.getParameterCount()) {
                            try {
                                return answer.invoke(answers, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Override
    public Optional<TokenSet> storedGrant(AccountKey account) {
        return Optional.empty();
    }

    @Override
    public String revokeReplaced(TokenSet replaced) {
        return "";
    }

    @Override
    public void close() {}

    /** The answers of the hostile Neon API, by {@link NeonApi}'s method names and parameters. */
    static final class HostileAnswers {
        public NeonUser currentUser(AccountKey account) {
            return new NeonUser(HOSTILE_ID, HOSTILE, Optional.of(HOSTILE), Optional.of(HOSTILE));
        }

        public List<Organization> organizations(AccountKey account) {
            return List.of(new Organization(HOSTILE_ID, HOSTILE, HOSTILE));
        }

        public List<Project> listProjects(AccountKey account, ProjectQuery query) {
            return List.of(project(), project());
        }

        public Project getProject(AccountKey account, String projectId) {
            throw new NeonApiException(404, HOSTILE, "project " + HOSTILE + " not found", HOSTILE_ID, false, null);
        }

        public ProjectCreated createProject(AccountKey account, ProjectCreation creation) {
            Branch main = branch("br-main", Optional.empty());
            return new ProjectCreated(project(), List.of(), List.of(new Role(main.id(), HOSTILE, Optional.empty())),
                    List.of(new Database(1, main.id(), HOSTILE, HOSTILE)), main, List.of(),
                    List.of(operation(OperationStatus.FINISHED)));
        }

        public ProjectChange updateProject(AccountKey account, String projectId, ProjectUpdate update) {
            return new ProjectChange(project(), List.of(operation(OperationStatus.FINISHED)));
        }

        public ProjectChange deleteProject(AccountKey account, String projectId) {
            return new ProjectChange(project(), List.of(operation(OperationStatus.FAILED)));
        }

        public ProjectChange recoverProject(AccountKey account, String projectId) {
            return updateProject(account, projectId, null);
        }

        public List<Branch> listBranches(AccountKey account, String projectId) {
            return List.of(branch("br-main", Optional.empty()), branch(HOSTILE_ID, Optional.of("br-main")),
                    branch("br-child", Optional.of(HOSTILE_ID)));
        }

        public BranchChange createBranch(AccountKey account, String projectId, BranchCreation creation) {
            return new BranchChange(branch(HOSTILE_ID, Optional.of("br-main")), List.of(),
                    List.of(operation(OperationStatus.FINISHED)));
        }

        public BranchChange deleteBranch(AccountKey account, String projectId, String branchId) {
            return createBranch(account, projectId, null);
        }

        public BranchChange renameBranch(AccountKey account, String projectId, String branchId, String name) {
            return createBranch(account, projectId, null);
        }

        public BranchChange setDefaultBranch(AccountKey account, String projectId, String branchId) {
            return createBranch(account, projectId, null);
        }

        public BranchChange restoreBranch(AccountKey account, String projectId, String branchId, BranchRestore restore) {
            return createBranch(account, projectId, null);
        }

        public List<Endpoint> listBranchEndpoints(AccountKey account, String projectId, String branchId) {
            return List.of(endpoint());
        }

        public EndpointChange createEndpoint(AccountKey account, String projectId, EndpointCreation creation) {
            return new EndpointChange(endpoint(), List.of(operation(OperationStatus.FINISHED)));
        }

        public List<Database> listDatabases(AccountKey account, String projectId, String branchId) {
            return List.of(new Database(1, HOSTILE_ID, "app", HOSTILE)); // a name a query can carry
        }

        public DatabaseChange createDatabase(AccountKey account, String projectId, String branchId,
                DatabaseCreation creation) {
            return new DatabaseChange(listDatabases(account, projectId, branchId).get(0),
                    List.of(operation(OperationStatus.FINISHED)));
        }

        public Optional<DatabaseChange> deleteDatabase(AccountKey account, String projectId, String branchId,
                String databaseName) {
            return Optional.of(createDatabase(account, projectId, branchId, null));
        }

        public List<Role> listRoles(AccountKey account, String projectId, String branchId) {
            return List.of(new Role(HOSTILE_ID, HOSTILE, Optional.of(PASSWORD)));
        }

        public RoleChange createRole(AccountKey account, String projectId, String branchId, RoleCreation creation) {
            return new RoleChange(listRoles(account, projectId, branchId).get(0),
                    List.of(operation(OperationStatus.FINISHED)));
        }

        public RolePassword revealRolePassword(AccountKey account, String projectId, String branchId, String roleName) {
            return new RolePassword(HOSTILE);
        }

        public ConnectionUri getConnectionUri(AccountKey account, String projectId, ConnectionUriQuery query) {
            return new ConnectionUri("postgresql://role:" + PASSWORD + "@" + HOSTILE + "/db?sslmode=require");
        }

        public Operation getOperation(AccountKey account, String projectId, String operationId) {
            return operation(OperationStatus.FINISHED);
        }

        public List<Operation> awaitOperations(AccountKey account, String projectId, List<Operation> operations,
                Duration timeout) {
            return operations;
        }
    }
}
