package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

/** Checks on what a user sees: no program internals, and nothing a terminal would interpret. */
final class UserFacing {
    /** What must never appear without --verbose: stack traces, exception type names, the injector's dumps. */
    static final List<String> INTERNALS = List.of("Exception", "at dev.", "\tat ", "com.google.inject", "Guice");

    /**
     * Characters a terminal interprets, written independently of {@link TerminalText}: C0 controls but the line feed,
     * DEL, C1 controls, bidirectional formatting, line and paragraph separators.
     */
    static final Pattern TERMINAL_CONTROLS =
            Pattern.compile("[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]");

    private UserFacing() {}

    /** Neither standard output nor standard error shows internals or terminal controls. */
    static void assertClean(CliHarness.Result result) {
        assertNoInternals(result.toString(), result.all());
        assertNoTerminalControls(result.toString(), result.all());
    }

    static void assertNoInternals(String description, String text) {
        for (String internal : INTERNALS) {
            assertThat(text).as("'%s' in:%n%s", internal, description).doesNotContain(internal);
        }
    }

    static void assertNoTerminalControls(String description, String text) {
        assertThat(TERMINAL_CONTROLS.matcher(text).find()).as("a terminal control character in:%n%s", visible(description))
                .isFalse();
    }

    /** {@code text} with every terminal control written as {@code \}{@code uXXXX}, for a readable failure message. */
    static String visible(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c != '\n' && TERMINAL_CONTROLS.matcher(Character.toString(c)).matches()) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
