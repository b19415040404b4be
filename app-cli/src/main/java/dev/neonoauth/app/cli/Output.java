package dev.neonoauth.app.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Writes a command's result to standard output in the chosen format. */
final class Output {
    private final OutputFormat format;
    private final PrintStream out;

    Output(OutputFormat format, PrintStream out) {
        this.format = format;
        this.out = out;
    }

    OutputFormat format() {
        return format;
    }

    /** One object: key/value lines as a table, else a JSON object or YAML mapping. */
    void object(Map<String, Object> value) {
        print(format == OutputFormat.table ? Tables.keyValues(value) : structured(value));
    }

    /** A list: aligned columns as a table, else a JSON array or YAML sequence of {@code structured} items. */
    <T> void list(List<T> items, List<String> headers, Function<T, List<Object>> row,
            Function<T, Map<String, Object>> structured) {
        if (format == OutputFormat.table) {
            print(Tables.columns(headers, items.stream().map(row).toList()));
        } else {
            print(structured(items.stream().map(structured).toList()));
        }
    }

    /** Text for a table, a structure otherwise. */
    void either(String table, Object structured) {
        print(format == OutputFormat.table ? table : structured(structured));
    }

    private String structured(Object value) {
        return format == OutputFormat.yaml ? Structured.yaml(value) : Structured.json(value);
    }

    private void print(String text) {
        out.print(text);
        out.flush();
    }
}
