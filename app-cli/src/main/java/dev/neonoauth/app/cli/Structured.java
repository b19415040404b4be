package dev.neonoauth.app.cli;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;

/**
 * The {@code -o json} and {@code -o yaml} documents, written by Jackson (and SnakeYAML) from the command results:
 * trees of {@link Map} (insertion ordered), {@link List}, {@link String}, {@link Number}, {@link Boolean},
 * {@link Instant}, {@link Optional} and null.
 *
 * <p>Documents are for scripts: the data stays faithful (a parser gets back every string as it came from the server),
 * and no character {@link TerminalText} deems unsafe appears raw in them. JSON writes each such character as a
 * six-character escape (a backslash, {@code u}, four hex digits). YAML is written with Unicode unless that would leave
 * such a character raw (SnakeYAML escapes only what YAML calls non-printable, not the bidirectional controls); then the
 * document is written again with every non-ASCII character escaped. A lone surrogate, which no UTF-8 output can carry,
 * becomes U+FFFD. Jackson is loaded with the first document, not at start-up.
 */
final class Structured {
    private Structured() {}

    static String json(Object value) {
        return write(Json.WRITER, normalize(value)) + "\n";
    }

    static String yaml(Object value) {
        Object v = normalize(value);
        String text = write(Yaml.UNICODE, v);
        if (TerminalText.hasUnsafeOtherThanLineFeed(text)) {
            text = write(Yaml.ASCII, v);
        }
        return Yaml.outdentTopLevelSequence(text);
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // the values are maps, lists, strings, numbers and booleans: nothing Jackson can fail on
            throw new IllegalStateException("cannot write the result as a document", e);
        }
    }

    /** Optionals unwrapped (empty is null), instants as ISO-8601 strings, lone surrogates replaced; copies. */
    private static Object normalize(Object value) {
        if (value instanceof Optional<?> o) {
            return o.map(Structured::normalize).orElse(null);
        }
        if (value instanceof Instant i) {
            return i.toString();
        }
        if (value instanceof String s) {
            return wellFormed(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(wellFormed(String.valueOf(k)), normalize(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(normalize(item)));
            return copy;
        }
        return value;
    }

    private static String wellFormed(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            boolean lone = Character.isSurrogate(c) && !paired;
            if (lone && sb == null) {
                sb = new StringBuilder(s).delete(i, s.length());
            }
            if (sb != null) {
                sb.append(lone ? '\uFFFD' : c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** JSON: two-space indentation, {@code "key": value}, unsafe characters escaped. */
    private static final class Json {
        static final ObjectWriter WRITER = new ObjectMapper(new JsonFactoryBuilder()
                .characterEscapes(new TerminalSafeEscapes()).build())
                .writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                        .withArrayIndenter(new DefaultIndenter("  ", "\n")));
    }

    /** JSON's standard escapes, plus DEL and every non-ASCII character {@link TerminalText} deems unsafe. */
    private static final class TerminalSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        TerminalSafeEscapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return TerminalText.isUnsafe(ch) ? new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch)) : null;
        }
    }

    /**
     * YAML: block style, no document marker, strings plain only when they cannot be read as anything else, and
     * double-quoted (with escapes) otherwise.
     */
    private static final class Yaml {
        static final ObjectWriter UNICODE = writer(true);
        static final ObjectWriter ASCII = writer(false);

        private static ObjectWriter writer(boolean unicode) {
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            options.setIndent(2);
            options.setIndicatorIndent(2);
            options.setIndentWithIndicator(true);
            options.setSplitLines(false);
            options.setWidth(Integer.MAX_VALUE);
            options.setAllowUnicode(unicode);
            return new ObjectMapper(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .disable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                    .stringQuotingChecker(new ConservativeQuoting())
                    .dumperOptions(options)
                    .build()).writer();
        }

        /**
         * SnakeYAML indents a top-level sequence like a nested one; every line then starts with two spaces, and taking
         * them away leaves the same document in the usual layout ({@code - id: ...}).
         */
        static String outdentTopLevelSequence(String text) {
            if (!text.startsWith("  - ") || !text.lines().allMatch(l -> l.startsWith("  "))) {
                return text;
            }
            StringBuilder sb = new StringBuilder(text.length());
            text.lines().forEach(l -> sb.append(l, 2, l.length()).append('\n'));
            return sb.toString();
        }
    }

    /**
     * Plain (unquoted) only for strings made of letters, digits and {@code _./@+-} words that YAML 1.1 and 1.2 both
     * read as that same string: not a number, date, null, boolean ({@code yes}, {@code off}, ...) or anything with
     * YAML syntax in it. Everything else is double-quoted.
     */
    private static final class ConservativeQuoting extends StringQuotingChecker {
        private static final long serialVersionUID = 1L;
        private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./@+-]*( [A-Za-z0-9_./@+()-]+)*");
        private static final Pattern RESERVED = Pattern.compile("(?i)y|n|yes|no|on|off|true|false|null");

        @Override
        public boolean needToQuoteName(String name) {
            return needToQuoteValue(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return !PLAIN.matcher(value).matches() || RESERVED.matcher(value).matches();
        }
    }
}
