package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command tree built for a command line ({@link CommandTree}): only the named command's, or every command's, and
 * either way the same parse, the same values and the same errors as with every command registered.
 */
class CommandTreeTest {
    private static final Map<String, String> ENV = Map.of("NEON_PROFILE", "home");

    @Test
    void aNamedCommandOrAliasRegistersOnlyThatCommand() {
        assertThat(registered("projects", "list")).containsExactlyInAnyOrder("projects", "project");
        assertThat(registered("project", "list")).containsExactlyInAnyOrder("projects", "project");
        assertThat(registered("-o", "json", "db", "list")).containsExactlyInAnyOrder("databases", "database", "db");
        assertThat(registered("--profile", "projects", "status")).as("an option's value is no command")
                .containsExactly("status");
        assertThat(registered("--profile=work", "-ojson", "-v", "cs", "main")).contains("connection-string", "cs")
                .hasSize(2);
    }

    @Test
    void helpVersionNoCommandAndAnythingUnclearGetEveryCommand() {
        Set<String> every = registered();
        assertThat(every).contains("login", "logout", "status", "token", "me", "orgs", "profiles", "projects",
                "branches", "databases", "roles", "connection-string", "sandbox", "project", "branch", "db", "cs");
        for (Class<?> command : RootCommand.COMMANDS) {
            assertThat(every).contains(command.getAnnotation(Command.class).name());
        }
        List<List<String>> lines = List.of(List.of("--help"), List.of("projects", "list", "--help"),
                List.of("-h", "projects"), List.of("--version"), List.of("porjects", "list"), List.of("-o", "json"),
                List.of("--nope", "projects", "list"), List.of("-vojson", "projects", "list"),
                List.of("@args.txt"), List.of("--", "projects"), List.of("--profile"));
        for (List<String> line : lines) {
            assertThat(registered(line.toArray(String[]::new))).as(String.join(" ", line)).isEqualTo(every);
        }
    }

    @Test
    void everyCommandAndAliasIsFoundByItsName() {
        CommandLine full = Main.commandLine(context());
        full.getSubcommands().forEach((name, sub) -> assertThat(CommandTree.namedCommand(new String[] {name, "x"}))
                .as(name).contains(sub.getCommandSpec().userObject().getClass()));
    }

    /**
     * Every command path, with the global options before and after it, with an alias, with a mistyped subcommand or
     * option: the lazy tree parses it exactly as the whole tree does (the command reached, every value, the global
     * options and their environment defaults), or fails with the same message.
     */
    @Test
    void theLazyTreeParsesEveryCommandLineLikeTheWholeTree() {
        List<String[]> lines = new ArrayList<>();
        for (List<String> path : leafPaths(Main.commandLine(context()), List.of())) {
            lines.add(line(path));
            lines.add(line(List.of("-o", "json"), path, List.of("--profile", "work")));
            lines.add(line(List.of("--profile=work", "-oyaml", "-v"), path, List.of("x")));
            lines.add(line(path, List.of("--nope")));
            lines.add(line(path, List.of("--api-host", "not a url")));
            lines.add(line(List.of(path.get(0), "lst")));
        }
        lines.add(line(List.of("project", "get", "p-1", "--output", "json")));
        lines.add(line(List.of("branch", "list", "--project", "p-1")));
        lines.add(line(List.of("cs", "main", "--project-id", "p-1", "--pooled")));
        lines.add(line(List.of("databases")));
        assertThat(lines).hasSizeGreaterThan(200);
        for (String[] args : lines) {
            assertThat(parse(args, true)).as(String.join(" ", args)).isEqualTo(parse(args, false));
        }
    }

    @Test
    void aCommandLineRunLazilyStillSuggestsAndExplains() {
        Run unknown = run("-o", "json", "porjects", "list");
        assertThat(unknown.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).isEqualTo("Error: unknown command 'porjects'. Did you mean 'projects' or 'orgs'?\n"
                + "Try 'neon-oauth --help'.\n");
        Run sub = run("project", "lst");
        assertThat(sub.err()).isEqualTo("Error: unknown command 'lst'. Did you mean 'list'?\n"
                + "Try 'neon-oauth projects --help'.\n");
        Run help = run("projects", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("list", "get", "create", "update", "delete", "recover", "Global options");
        Run root = run("--help");
        for (Class<?> command : RootCommand.COMMANDS) {
            String name = command.getAnnotation(Command.class).name();
            assertThat(root.out()).as(name).containsPattern("(?m)^  " + name + "[ ,]");
        }
    }

    private static Set<String> registered(String... args) {
        return new LinkedHashSet<>(Main.commandLine(context(), args).getSubcommands().keySet());
    }

    private static List<List<String>> leafPaths(CommandLine command, List<String> above) {
        List<List<String>> paths = new ArrayList<>();
        Set<CommandLine> seen = new LinkedHashSet<>();
        for (CommandLine sub : command.getSubcommands().values()) {
            if (!seen.add(sub)) {
                continue; // an alias
            }
            List<String> path = new ArrayList<>(above);
            path.add(sub.getCommandName());
            paths.add(path);
            paths.addAll(leafPaths(sub, path));
        }
        return paths;
    }

    @SafeVarargs
    private static String[] line(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all.toArray(String[]::new);
    }

    /** What parsing {@code args} leaves: the commands reached with their values and the global options, or the error. */
    private static String parse(String[] args, boolean lazy) {
        CliContext ctx = context();
        CommandLine cli = lazy ? Main.commandLine(ctx, args) : Main.commandLine(ctx);
        try {
            ParseResult result = cli.parseArgs(args);
            StringBuilder sb = new StringBuilder();
            for (ParseResult level = result; level != null; level = level.subcommand()) {
                sb.append(level.commandSpec().qualifiedName()).append(' ');
                for (ArgSpec arg : level.matchedArgs()) {
                    sb.append(arg.paramLabel()).append('=').append(arg.originalStringValues()).append(' ');
                }
            }
            GlobalOptions o = ctx.options();
            return sb + "| profile=" + o.profile + " output=" + o.output + " verbose=" + o.verbose + " apiHost="
                    + o.apiHost;
        } catch (CommandLine.ParameterException e) {
            return "error in " + e.getCommandLine().getCommandSpec().qualifiedName() + ": " + Main.usageMessage(e);
        }
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment environment = new CliEnvironment(ENV, InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, uri -> false, Clock.systemUTC(), Optional.empty());
        int code = Main.run(args, environment, (settings, e, ttl) -> {
            throw new AssertionError("no services for help and usage errors");
        });
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static CliContext context() {
        CliEnvironment environment = new CliEnvironment(ENV, InputStream.nullInputStream(),
                new PrintStream(PrintStream.nullOutputStream()), new PrintStream(PrintStream.nullOutputStream()), false,
                uri -> false, Clock.systemUTC(), Optional.empty());
        return new CliContext(environment, (settings, e, ttl) -> {
            throw new AssertionError("no services here");
        });
    }
}
