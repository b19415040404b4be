package dev.neonoauth.app.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import dev.neonoauth.adapter.jdbc.JdbcStorageModule;
import dev.neonoauth.adapter.http.OAuthHttpModule;
import dev.neonoauth.adapter.neon.NeonApiConfig;
import dev.neonoauth.adapter.neon.NeonApiModule;
import dev.neonoauth.guice.OAuthCoreModule;
import java.time.Duration;
import java.util.List;
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
    /**
     * The embedded H2 database's file in the data directory (storage-jdbc's default database {@code tokens}), created
     * owner-only before H2 opens it.
     */

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, CliEnvironment.system());
        System.exit(code);
    }

    /** Runs one command line against {@code environment} and returns the exit code. Never calls {@code System.exit}. */
    static int run(String[] args, CliEnvironment environment) {
        return run(args, environment, Main::assemble);
    }

    /**
     * Runs one command line with the services {@code factory} assembles (tests hand in their own). Whatever fails,
     * the user gets {@link ErrorReporter}'s line and an exit code, never a stack trace.
     */
    static int run(String[] args, CliEnvironment environment, CliContext.ServicesFactory factory) {
        CliContext ctx = new CliContext(environment, factory);
        int code;
        try {
            code = commandLine(ctx, args).execute(args);
        } catch (RuntimeException | Error e) {
            code = ErrorReporter.report(e, ctx);
        }
        try {
            ctx.close();
        } catch (RuntimeException e) {
            // the command's work is done and reported; a failure to release the storage changes nothing for the user
        }
        return code;
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
        // picocli's help and messages go through the terminal's sanitizer too, which would strip ANSI styles: none
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setOut(ctx.stdout().writer());
        cli.setErr(ctx.stderr().writer());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> ErrorReporter.report(e, ctx));
        cli.setParameterExceptionHandler((e, badArgs) -> {
            ctx.stderr().line("Error: " + e.getMessage());
            ctx.stderr().line("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
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

    /**
     * Builds the injector for resolved settings. Nothing is provisioned yet (every binding is lazy), so nothing here
     * reaches a server or opens the database (storage-jdbc keeps the embedded database's files owner-only).
     */
    private static Services assemble(CliSettings settings, CliEnvironment environment, Duration stateTtl) {
        NeonApiConfig neon = settings.neonApiConfig();
        JdbcStorageConfig storage = settings.storageConfig();
        Injector injector = Guice.createInjector(Stage.DEVELOPMENT,
                new CliModule(settings, environment),
                new OAuthCoreModule(core -> core.stateTtl(stateTtl).lockTimeout(CliModule.LOCK_TIMEOUT)),
                new OAuthHttpModule(neon.oauthHttpConfig()),
                new NeonApiModule(neon),
                new JdbcStorageModule(storage));
        return new InjectedServices(injector);
    }
}
