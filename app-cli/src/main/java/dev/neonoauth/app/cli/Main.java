package dev.neonoauth.app.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.neonoauth.adapter.jdbc.JdbcStorage;
import dev.neonoauth.adapter.jdbc.JdbcStorageModule;
import dev.neonoauth.adapter.neon.NeonApiModule;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.in.AuthorizationFlow;
import dev.neonoauth.core.port.in.Disconnect;
import dev.neonoauth.core.port.out.InfrastructureException;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import dev.neonoauth.core.port.out.TokenStore;
import dev.neonoauth.neon.api.NeonApi;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The composition root of the command line, and the only place an injector is created. Nothing is assembled before a
 * command needs it: {@code --help}, usage errors and {@code sandbox} create no injector; the others create it on
 * first use, in {@link Stage#DEVELOPMENT} so that every singleton (HTTP clients, connection pool, migrations) is built
 * only when first injected.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = run(args, CliEnvironment.system());
        System.exit(code);
    }

    /** Runs one command line against {@code environment} and returns the exit code. Never calls {@code System.exit}. */
    static int run(String[] args, CliEnvironment environment) {
        try (CliContext ctx = new CliContext(environment, Main::assemble)) {
            CommandLine cli = commandLine(ctx, args);
            return cli.execute(args);
        }
    }

    static CommandLine commandLine(CliContext ctx, String[] args) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                try {
                    return cls.getDeclaredConstructor(CliContext.class).newInstance(ctx);
                } catch (NoSuchMethodException e) {
                    return defaults.create(cls);
                }
            }
        };
        CommandLine cli = new CommandLine(new RootCommand(ctx), factory);
        // Building picocli's model of a command costs start-up time: register only what the command line names.
        register(cli, RootCommand.SUBCOMMANDS, RootCommand.named(args), factory, RootCommand.namedNested(args));
        cli.setOut(new PrintWriter(ctx.env().out(), true));
        cli.setErr(new PrintWriter(ctx.env().err(), true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> ErrorReporter.report(e, ctx));
        cli.setParameterExceptionHandler((e, badArgs) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("Error: " + Tables.clean(e.getMessage()));
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return ExitCode.USAGE;
        });
        return cli;
    }

    private static void register(CommandLine parent, Map<String, Class<?>> commands, Optional<String> named,
            CommandLine.IFactory factory, Optional<String> nestedNamed) {
        for (Map.Entry<String, Class<?>> command : commands.entrySet()) {
            if (named.isPresent() && !named.get().equals(command.getKey())) {
                continue;
            }
            CommandLine sub;
            try {
                sub = new CommandLine(factory.create(command.getValue()), factory);
            } catch (Exception e) {
                throw new IllegalStateException("cannot create the command " + command.getKey(), e);
            }
            parent.addSubcommand(command.getKey(), sub);
            Map<String, Class<?>> nested = RootCommand.nested(command.getKey());
            if (!nested.isEmpty()) {
                register(sub, nested, named.isPresent() ? nestedNamed : Optional.empty(), factory, Optional.empty());
            }
        }
    }

    private static Services assemble(CliSettings settings, CliEnvironment environment, Duration stateTtl) {
        Injector injector = Guice.createInjector(Stage.DEVELOPMENT,
                new CliModule(settings, environment, stateTtl),
                new NeonApiModule(settings.neonApiConfig()),
                new JdbcStorageModule(settings.storageConfig()));
        return new InjectedServices(injector);
    }

    /** The services, each taken from the injector on its first call. */
    private static final class InjectedServices implements Services {
        private final Injector injector;

        InjectedServices(Injector injector) {
            this.injector = injector;
        }

        @Override
        public AuthorizationFlow authorizationFlow() {
            return injector.getInstance(AuthorizationFlow.class);
        }

        @Override
        public AccessTokenProvider accessTokens() {
            return injector.getInstance(AccessTokenProvider.class);
        }

        @Override
        public Disconnect disconnect() {
            return injector.getInstance(Disconnect.class);
        }

        @Override
        public NeonApi neonApi() {
            return injector.getInstance(NeonApi.class);
        }

        @Override
        public Optional<TokenSet> storedGrant(AccountKey account) {
            try {
                return injector.getInstance(TokenStore.class).load(account);
            } catch (StoreUnavailableException e) {
                return Optional.empty();
            }
        }

        @Override
        public String revokeReplaced(TokenSet replaced) {
            RevocationEndpoint.Revocation request = replaced.refreshToken()
                    .map(rt -> new RevocationEndpoint.Revocation(injector.getInstance(ClientRegistration.class),
                            rt.value(), RevocationEndpoint.TokenTypeHint.REFRESH_TOKEN))
                    .orElseGet(() -> new RevocationEndpoint.Revocation(injector.getInstance(ClientRegistration.class),
                            replaced.accessToken().value(), RevocationEndpoint.TokenTypeHint.ACCESS_TOKEN));
            try {
                RevocationEndpoint.Outcome outcome = injector.getInstance(RevocationEndpoint.class).revoke(request);
                if (outcome instanceof RevocationEndpoint.Outcome.Refused refused) {
                    return "Neon refused to revoke the profile's previous login (" + refused.error().summary()
                            + "); it stays valid until it expires.";
                }
                return "The profile's previous login was revoked at Neon.";
            } catch (InfrastructureException | IllegalStateException e) {
                return "Could not revoke the profile's previous login (" + e.getMessage()
                        + "); it stays valid until it expires.";
            }
        }

        @Override
        public void close() {
            injector.getInstance(JdbcStorage.class).close();
        }
    }
}
