package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the output boundary for arbitrary Unicode (every code point, the terminal controls and YAML's special
 * words weighted up): the JSON and YAML documents a command prints parse back, with a real parser, to exactly the
 * data given, and neither they nor tables nor single lines carry a character a terminal would interpret.
 */
class OutputBoundaryProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    @Property(tries = 400)
    void jsonRoundTripsAndShowsNoControl(@ForAll("documents") Object document) throws Exception {
        String printed = print(OutputFormat.json, document);
        UserFacing.assertNoTerminalControls(printed, printed);
        assertThat(JSON.readValue(printed, Object.class)).isEqualTo(document);
    }

    @Property(tries = 400)
    void yamlRoundTripsAndShowsNoControl(@ForAll("documents") Object document) throws Exception {
        String printed = print(OutputFormat.yaml, document);
        UserFacing.assertNoTerminalControls(printed, printed);
        assertThat(YAML.readValue(printed, Object.class)).as(printed).isEqualTo(document);
    }

    @Property(tries = 400)
    void aTableCellOrALineIsOneLineWithoutControlsAndKeepsEveryOtherCharacter(@ForAll("text") String text) {
        String line = TerminalText.line(text);
        UserFacing.assertNoTerminalControls(line, line);
        assertThat(line).doesNotContain("\n");
        assertThat(line.codePointCount(0, line.length())).isEqualTo(text.codePointCount(0, text.length()));
        String table = printTable(text);
        UserFacing.assertNoTerminalControls(table, table);
        assertThat(table.lines()).hasSize(2);
    }

    /** Through {@link Output} and {@link Terminal}, as a command prints it. */
    private static String print(OutputFormat format, Object document) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Output output = new Output(format, new Terminal(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        output.either("", document);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String printTable(String cell) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Output output = new Output(OutputFormat.table, new Terminal(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        output.list(List.of(cell), List.of("ID", "NAME"), c -> List.<Object>of(c, c), c -> Map.of());
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<Integer> anyCodePoint = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE);
        Arbitrary<Integer> special = Arbitraries.of(0x00, 0x07, 0x09, 0x0a, 0x0d, 0x1b, 0x7f, 0x80, 0x85, 0x9b, 0x9f,
                0xa0, 0xfeff, 0x061c, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202e, 0x2066, 0x2069, 0x1f600,
                (int) ' ', (int) '#', (int) ':', (int) '-', (int) '?', (int) '&', (int) '*', (int) '!', (int) '|',
                (int) '>', (int) '\'', (int) '"', (int) '%', (int) '@', (int) '`', (int) '~', (int) '[', (int) '{',
                (int) ',', (int) '.', (int) '0', (int) '1', (int) 'e', (int) 'y', (int) 'n', (int) '\\');
        Arbitrary<Integer> ascii = Arbitraries.integers().between(0x20, 0x7e);
        Arbitrary<String> composed = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, anyCodePoint), net.jqwik.api.Tuple.of(3, special),
                        net.jqwik.api.Tuple.of(4, ascii))
                .list().ofMaxSize(10)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append).toString());
        Arbitrary<String> yamlWords = Arbitraries.of("yes", "No", "ON", "off", "y", "n", "true", "False", "null",
                "Null", "~", "17", "-3", "0x1F", "0o17", "017", ".inf", "-.Inf", ".nan", "1e3", "1_000", "<<", "=",
                "2026-01-01", "12:30:00", "- a", "a: b", "#x", " lead", "trail ", "", ":", "?", "-", "---", "...",
                "!tag", "&anchor", "*alias", "%directive", "@at", "`tick", "'", "\"", "[]", "{}", "a #b", "x\ny",
                "\t", "\r\n");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, composed), net.jqwik.api.Tuple.of(1, yamlWords));
    }

    @Provide
    Arbitrary<Object> documents() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(text().map(s -> (Object) s), Arbitraries.integers().map(i -> i),
                Arbitraries.of(true, false).map(b -> b), text().injectNull(1.0).map(s -> s));
        Arbitrary<Object> list = scalar.list().ofMaxSize(4).map(l -> l);
        Arbitrary<Object> map = map(Arbitraries.oneOf(scalar, list));
        Arbitrary<Object> nested = map(Arbitraries.oneOf(scalar, list, map));
        return Arbitraries.oneOf(nested, nested.list().ofMinSize(1).ofMaxSize(3).map(l -> l));
    }

    private Arbitrary<Object> map(Arbitrary<Object> values) {
        return Combinators.combine(text().list().ofMaxSize(4), values.list().ofSize(4)).as((keys, vals) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                m.put(keys.get(i), vals.get(i));
            }
            return m;
        });
    }
}
