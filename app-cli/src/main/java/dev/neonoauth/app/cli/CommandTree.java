package dev.neonoauth.app.cli;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Which of the root's subcommands a command line needs. picocli builds a command's model from its annotations by
 * reflection, and with neonctl's commands there are some 45 of them; a run that names its command ({@code projects
 * list}) needs only that command's tree, so only that one is registered. Everything else gets every command: no
 * command at all, help or version anywhere on the line, an argument file ({@code @file}), {@code --}, an option the
 * root does not know or writes in a way this does not follow (clustered short options), and a name that is no
 * command's (so that picocli's "did you mean" sees every command). The root's own options and their values are
 * skipped; which take a value is read from {@link GlobalOptions}' annotations.
 */
final class CommandTree {
    private static final Set<String> EVERY_COMMAND = Set.of("-h", "--help", "-V", "--version", "--");

    /** Each root option that takes a value, and each that does not, by every name it has. */
    private static final Set<String> VALUED = new HashSet<>();
    private static final Set<String> FLAGS = new HashSet<>();

    static {
        for (Field field : GlobalOptions.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null) {
                (field.getType() == boolean.class ? FLAGS : VALUED).addAll(List.of(option.names()));
            }
        }
    }

    private CommandTree() {}

    /** Registers on {@code root} the subcommands {@code args} need: the one they name, else all of them. */
    static void register(CommandLine root, String[] args) {
        Optional<Class<?>> named = namedCommand(args);
        if (named.isPresent()) {
            root.addSubcommand(named.get());
        } else {
            RootCommand.COMMANDS.forEach(root::addSubcommand);
        }
    }

    /** The top-level command {@code args} name, when they name one and the rest of the tree cannot matter. */
    static Optional<Class<?>> namedCommand(String[] args) {
        for (String arg : args) {
            if (EVERY_COMMAND.contains(arg) || arg.startsWith("@")) {
                return Optional.empty();
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-") || arg.length() == 1) {
                return Optional.ofNullable(byName().get(arg));
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (VALUED.contains(name)) {
                if (equals < 0) {
                    i++; // the option's value
                }
            } else if (!FLAGS.contains(name) && !(arg.length() > 2 && !arg.startsWith("--")
                    && VALUED.contains(arg.substring(0, 2)))) { // -ojson: a short option with its value attached
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The top-level commands by name and alias, from their annotations (not their models). */
    private static Map<String, Class<?>> byName() {
        Map<String, Class<?>> commands = new HashMap<>();
        for (Class<?> command : RootCommand.COMMANDS) {
            Command annotation = command.getAnnotation(Command.class);
            commands.put(annotation.name(), command);
            for (String alias : annotation.aliases()) {
                commands.put(alias, command);
            }
        }
        return commands;
    }
}
