package dev.neonoauth.app.cli;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small JSON and YAML writer for the command results, which are trees of {@link Map} (insertion ordered),
 * {@link List}, {@link String}, {@link Number}, {@link Boolean}, {@link Instant}, {@link Optional} and null. No
 * library is needed for this much, and none is loaded at start-up.
 */
final class Structured {
    private Structured() {}

    static String json(Object value) {
        StringBuilder sb = new StringBuilder();
        writeJson(sb, normalize(value), 0);
        return sb.append('\n').toString();
    }

    static String yaml(Object value) {
        StringBuilder sb = new StringBuilder();
        Object v = normalize(value);
        if (v instanceof Map<?, ?> map && !map.isEmpty()) {
            writeYamlMap(sb, map, 0);
        } else if (v instanceof List<?> list && !list.isEmpty()) {
            writeYamlList(sb, list, 0);
        } else {
            sb.append(yamlScalar(v)).append('\n');
        }
        return sb.toString();
    }

    /** Optionals unwrapped (empty is null), instants as ISO-8601 strings. */
    private static Object normalize(Object value) {
        if (value instanceof Optional<?> o) {
            return o.map(Structured::normalize).orElse(null);
        }
        if (value instanceof Instant i) {
            return i.toString();
        }
        return value;
    }

    private static void writeJson(StringBuilder sb, Object value, int indent) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                pad(sb, indent + 2);
                sb.append(quote(String.valueOf(e.getKey()))).append(": ");
                writeJson(sb, normalize(e.getValue()), indent + 2);
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
            pad(sb, indent);
            sb.append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                pad(sb, indent + 2);
                writeJson(sb, normalize(list.get(i)), indent + 2);
                sb.append(i < list.size() - 1 ? ",\n" : "\n");
            }
            pad(sb, indent);
            sb.append(']');
        } else if (value instanceof Number || value instanceof Boolean) {
            sb.append(value);
        } else {
            sb.append(quote(value.toString()));
        }
    }

    private static void writeYamlMap(StringBuilder sb, Map<?, ?> map, int indent) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            pad(sb, indent);
            sb.append(yamlKey(String.valueOf(e.getKey()))).append(':');
            writeYamlValue(sb, normalize(e.getValue()), indent);
        }
    }

    private static void writeYamlList(StringBuilder sb, List<?> list, int indent) {
        for (Object item : list) {
            Object v = normalize(item);
            pad(sb, indent);
            sb.append('-');
            if (v instanceof Map<?, ?> map && !map.isEmpty()) {
                // first entry on the dash line, the rest aligned under it
                StringBuilder nested = new StringBuilder();
                writeYamlMap(nested, map, indent + 2);
                sb.append(' ').append(nested.substring(indent + 2));
            } else if (v instanceof List<?> inner && !inner.isEmpty()) {
                sb.append('\n');
                writeYamlList(sb, inner, indent + 2);
            } else {
                sb.append(' ').append(yamlScalar(v)).append('\n');
            }
        }
    }

    private static void writeYamlValue(StringBuilder sb, Object v, int indent) {
        if (v instanceof Map<?, ?> map && !map.isEmpty()) {
            sb.append('\n');
            writeYamlMap(sb, map, indent + 2);
        } else if (v instanceof List<?> list && !list.isEmpty()) {
            sb.append('\n');
            writeYamlList(sb, list, indent + 2);
        } else {
            sb.append(' ').append(yamlScalar(v)).append('\n');
        }
    }

    private static String yamlKey(String key) {
        return key.matches("[A-Za-z_][A-Za-z0-9_.-]*") ? key : quote(key);
    }

    private static String yamlScalar(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map<?, ?>) {
            return "{}";
        }
        if (v instanceof List<?>) {
            return "[]";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        String s = v.toString();
        boolean plain = s.matches("[A-Za-z_/][A-Za-z0-9_./@+-]*( [A-Za-z0-9_./@+()-]+)*")
                && !s.matches("(?i)true|false|yes|no|on|off|null|~|y|n");
        return plain ? s : quote(s);
    }

    /** A JSON string literal; also a valid YAML double-quoted scalar. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static void pad(StringBuilder sb, int n) {
        sb.append(" ".repeat(n));
    }
}
