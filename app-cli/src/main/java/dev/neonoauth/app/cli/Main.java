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
import java.util.LinkedHashSet;
import java.util.Set;
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
        shortLivedGuice();
        int code = run(args, CliEnvironment.system());
        System.exit(code);
    }

    /**
     * Guice's defaults suit a long-running server; a command lives for half a second. Before any Guice class is
     * loaded (Guice reads these once): no bytecode generation for provider methods and constructors (Guice calls
     * them through reflection instead, which costs nothing noticeable for the few objects a command builds, while
     * generating the classes took about 30 ms of every start), and no stack trace captured for each binding's
     * source (only Guice's configuration errors would show it, and {@link ErrorReporter} never prints those). A
     * value the user set with {@code -D} is kept.
     */
    static void shortLivedGuice() {
        System.getProperties().putIfAbsent("guice_bytecode_gen_option", "DISABLED");
        System.getProperties().putIfAbsent("guice_include_stack_traces", "OFF");
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

    /** The command line with every command registered (what the help lists). */
    static CommandLine commandLine(CliContext ctx) {
        return commandLine(ctx, new String[0]);
    }

    /**
     * The command line for {@code args}: the root with the subcommands they need ({@link CommandTree}), set up before
     * anything else, since picocli hands the settings below on to the subcommands registered at the time.
     */
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
        CommandTree.register(cli, args);
        HelpLayout.withoutRepeatedGlobalOptions(cli);
        // option, then environment variable, then the annotation's default
        cli.setDefaultValueProvider(new EnvironmentDefaults(ctx.env()));
        // picocli's help and messages go through the terminal's sanitizer too, which would strip ANSI styles: none
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setOut(ctx.stdout().writer());
        cli.setErr(ctx.stderr().writer());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> ErrorReporter.report(e, ctx));
        cli.setParameterExceptionHandler((e, badArgs) -> {
            ctx.stderr().line("Error: " + usageMessage(e));
            ctx.stderr().line("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.USAGE;
        });
        return cli;
    }

    /**
     * picocli's message, and for a mistyped command or option what picocli suggests ("did you mean"): one line.
     */
    static String usageMessage(CommandLine.ParameterException e) {
        CommandLine.Model.CommandSpec command = e.getCommandLine().getCommandSpec();
        if (!command.subcommands().isEmpty()
                && String.valueOf(e.getMessage()).startsWith("Missing required subcommand")) {
            Set<String> names = new LinkedHashSet<>();
            command.subcommands().values().forEach(sub -> names.add(sub.getCommandName()));
            return "missing subcommand: " + String.join(", ", names);
        }
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return e.getMessage();
        }
        String first = unmatched.getUnmatched().get(0);
        CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
        boolean option = first.startsWith("-");
        Set<String> suggestions = new LinkedHashSet<>();
        for (String suggestion : unmatched.getSuggestions()) {
            CommandLine sub = spec.subcommands().get(suggestion);
            suggestions.add(sub == null ? suggestion : sub.getCommandName()); // an alias suggests its command
        }
        String what = option ? "unknown option '" + CliSettings.printable(first) + "'"
                : spec.subcommands().isEmpty() ? "unexpected argument '" + CliSettings.printable(first) + "'"
                : "unknown command '" + CliSettings.printable(first) + "'";
        return what + (suggestions.isEmpty() ? "" : ". Did you mean " + String.join(" or ",
                suggestions.stream().limit(3).map(s -> "'" + s + "'").toList()) + "?");
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
