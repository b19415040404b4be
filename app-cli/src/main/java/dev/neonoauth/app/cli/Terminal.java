package dev.neonoauth.app.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Objects;

/**
 * Standard output or standard error as the command line writes to it: the only holder of the raw stream, so that
 * every text on its way to a terminal passes {@link TerminalText}, whatever it carries (a user's email, a project's
 * name, an error message quoting a server, a JSON document). {@code ArchitectureTest} fails when another class
 * writes to a raw stream.
 *
 * <p>The one control sequence this program writes itself is the spinner's "erase the line", through
 * {@link #clearProgress()}. Log events, which logback writes to standard error, pass the same sanitizer in
 * {@link CliLogConfigurator}'s layout.
 */
final class Terminal {
    /** Carriage return, then ESC [ K: erase the line the spinner drew. */
    private static final String ERASE_LINE = "\r\033[K";

    private final PrintStream raw;

    Terminal(PrintStream raw) {
        this.raw = Objects.requireNonNull(raw, "raw == null");
    }

    /** One line: every unsafe character replaced (line breaks included), then a line feed. */
    void line(String text) {
        raw.print(TerminalText.line(text) + "\n");
        raw.flush();
    }

    /** Text of several lines, as laid out (tables, trees, JSON and YAML documents); unsafe characters replaced. */
    void block(String text) {
        raw.print(TerminalText.block(text));
        raw.flush();
    }

    /** Progress drawn over the current line: a carriage return, then the text (one line, without a line feed). */
    void progress(String text) {
        raw.print("\r" + TerminalText.line(text));
        raw.flush();
    }

    /** Erases the line {@link #progress} drew. */
    void clearProgress() {
        raw.print(ERASE_LINE);
        raw.flush();
    }

    /** A writer for picocli's help, version and usage messages: what it writes is sanitized like a {@link #block}. */
    PrintWriter writer() {
        return new PrintWriter(new BlockWriter(), true);
    }

    /**
     * Sanitizes what is written chunk by chunk. A chunk's last character may be half of something (the carriage
     * return of a Windows line separator, the high half of a surrogate pair): it waits for the next chunk.
     */
    private final class BlockWriter extends Writer {
        private String carry = "";

        @Override
        public void write(char[] chars, int offset, int length) {
            String text = carry + new String(chars, offset, length);
            char last = text.isEmpty() ? 0 : text.charAt(text.length() - 1);
            boolean incomplete = last == '\r' || Character.isHighSurrogate(last);
            carry = incomplete ? String.valueOf(last) : "";
            raw.print(TerminalText.block(incomplete ? text.substring(0, text.length() - 1) : text));
        }

        @Override
        public void flush() {
            raw.flush();
        }

        @Override
        public void close() {
            raw.print(TerminalText.block(carry));
            carry = "";
            raw.flush();
        }
    }
}
