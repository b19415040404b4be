package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The output boundary's sanitizer and the terminal that applies it. */
class TerminalTextTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Terminal terminal = new Terminal(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyClassOfUnsafeCharacterIsReplacedOnALine() {
        String[] unsafe = {"\u0000", "\u0007", "\u001b", "\t", "\n", "\r", "\u007f", "\u0080", "\u0085", "\u009b",
                "\u009f", "\u061c", "\u200e", "\u200f", "\u2028", "\u2029", "\u202a", "\u202e", "\u2066", "\u2069",
                "\ud800", "\udfff"};
        for (String c : unsafe) {
            assertThat(TerminalText.line("a" + c + "b")).as("U+%04X", (int) c.charAt(0)).isEqualTo("a?b");
        }
        assertThat(TerminalText.line("plain ünïcode \uD83D\uDE00 – ok")).isEqualTo("plain ünïcode \uD83D\uDE00 – ok");
        assertThat(TerminalText.line("\u001b]0;title\u0007\u001b[2J")).isEqualTo("?]0;title??[2J");
    }

    @Test
    void aBlockKeepsItsLayoutButNothingElse() {
        assertThat(TerminalText.block("a\tb\nc\r\nd\re\u001b[2J\u009b\n")).isEqualTo("a\tb\nc\r\nd?e?[2J?\n");
    }

    @Test
    void theTerminalSanitizesEveryWayOfWriting() {
        terminal.line("one\u001b[31m\nline");
        terminal.block("a\nb\u0007\n");
        terminal.progress("spin\u009b");
        terminal.clearProgress();
        PrintWriter writer = terminal.writer();
        writer.print("help\u001b[1m\r");
        writer.print("\nmore\uD83D");
        writer.println("\uDE00");
        writer.close();
        assertThat(printed()).isEqualTo("one?[31m?line\na\nb?\n\rspin?\r\u001b[Khelp?[1m\r\nmore\uD83D\uDE00"
                + System.lineSeparator());
    }
}
