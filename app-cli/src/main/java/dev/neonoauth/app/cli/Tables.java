package dev.neonoauth.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plain-text tables with aligned columns. Each cell is one line: {@link TerminalText#line} replaces its unsafe
 * characters (line breaks and tabs included) before the widths are measured.
 */
final class Tables {
    private Tables() {}

    static String columns(List<String> headers, List<List<Object>> rows) {
        int[] widths = new int[headers.size()];
        List<List<String>> cells = new ArrayList<>();
        cells.add(headers);
        for (List<Object> row : rows) {
            List<String> line = new ArrayList<>();
            for (Object cell : row) {
                line.add(cell(cell));
            }
            cells.add(line);
        }
        for (List<String> line : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> line : cells) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                l.append(i == widths.length - 1 ? line.get(i) : pad(line.get(i), widths[i] + 2));
            }
            sb.append(l.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    static String keyValues(Map<String, Object> values) {
        int width = 0;
        for (String key : values.keySet()) {
            width = Math.max(width, key.length());
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            sb.append(pad(e.getKey() + ":", width + 2)).append(cell(e.getValue())).append('\n');
        }
        return sb.toString();
    }

    /** A cell's text: empty optionals and nulls as "-", lists joined, unsafe characters replaced. */
    static String cell(Object value) {
        Object v = value instanceof Optional<?> o ? o.orElse(null) : value;
        if (v == null) {
            return "-";
        }
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(item -> parts.add(cell(item)));
            return String.join(" ", parts);
        }
        return TerminalText.line(v.toString());
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
