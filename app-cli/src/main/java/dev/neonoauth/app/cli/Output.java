package dev.neonoauth.app.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a command's result to standard output in the chosen format: a table or text for people, a JSON or YAML
 * document for scripts. Either way through {@link Terminal}, so nothing from a server reaches the terminal raw.
 */
final class Output {
    private final OutputFormat format;
    private final Terminal out;

    Output(OutputFormat format, Terminal out) {
        this.format = format;
        this.out = out;
    }

    OutputFormat format() {
        return format;
    }

    /** One object: key/value lines as a table, else a JSON object or YAML mapping. */
    void object(Map<String, Object> value) {
        out.block(format == OutputFormat.table ? Tables.keyValues(value) : structured(value));
    }

    /** A list: aligned columns as a table, else a JSON array or YAML sequence of {@code structured} items. */
    <T> void list(List<T> items, List<String> headers, Function<T, List<Object>> row,
            Function<T, Map<String, Object>> structured) {
        if (format == OutputFormat.table) {
            out.block(Tables.columns(headers, items.stream().map(row).toList()));
        } else {
            out.block(structured(items.stream().map(structured).toList()));
        }
    }

    /** One line for people (a server's string in it cannot start another line), a document for scripts. */
    void message(String line, Object structured) {
        if (format == OutputFormat.table) {
            out.line(line);
        } else {
            out.block(structured(structured));
        }
    }

    /** Text laid out on several lines for people (a tree), a document for scripts. */
    void either(String text, Object structured) {
        out.block(format == OutputFormat.table ? text : structured(structured));
    }

    private String structured(Object value) {
        return format == OutputFormat.yaml ? Structured.yaml(value) : Structured.json(value);
    }
}
