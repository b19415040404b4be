package dev.neonoauth.app.cli;

/**
 * The one sanitizer of the command line's output boundary: which characters must never reach a terminal as they are,
 * and how text is made safe for it. Every text {@link Terminal} writes passes through here; so does every structured
 * document ({@link Structured} escapes exactly these characters instead of replacing them).
 *
 * <p>Unsafe are the characters a terminal interprets rather than shows, or that make the text shown differ from the
 * text stored: the C0 controls (U+0000-U+001F, among them ESC, BEL and CR), DEL (U+007F), the C1 controls
 * (U+0080-U+009F, among them the single-character CSI U+009B), the bidirectional formatting characters (U+061C,
 * U+200E, U+200F, the embeddings and overrides U+202A-U+202E, the isolates U+2066-U+2069), the line and paragraph
 * separators (U+2028, U+2029), and a surrogate that is not part of a pair. Each is replaced by {@code ?}.
 */
final class TerminalText {
    /** What an unsafe character is replaced with. */
    static final char REPLACEMENT = '?';

    private TerminalText() {}

    /** True when {@code codePoint} must not reach a terminal as it is. */
    static boolean isUnsafe(int codePoint) {
        return codePoint < 0x20
                || codePoint >= 0x7f && codePoint <= 0x9f
                || codePoint == 0x061c || codePoint == 0x200e || codePoint == 0x200f
                || codePoint >= 0x2028 && codePoint <= 0x202e
                || codePoint >= 0x2066 && codePoint <= 0x2069
                || codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
    }

    /** True when {@code text} holds an unsafe character other than a line feed. */
    static boolean hasUnsafeOtherThanLineFeed(String text) {
        return text.codePoints().anyMatch(c -> c != '\n' && isUnsafe(c));
    }

    /** One line: every unsafe character replaced, line breaks and tabs included. */
    static String line(String text) {
        return sanitize(text, false);
    }

    /**
     * Several lines (a table, a tree, a JSON or YAML document, picocli's help): every unsafe character replaced except
     * the line feed, the tab, and a carriage return right before a line feed (a Windows line separator).
     */
    static String block(String text) {
        return sanitize(text, true);
    }

    private static String sanitize(String text, boolean keepLayout) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = null;
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            boolean keep = !isUnsafe(c) || keepLayout && (c == '\n' || c == '\t'
                    || c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n');
            if (!keep && sb == null) {
                sb = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (sb != null) {
                if (keep) {
                    sb.appendCodePoint(c);
                } else {
                    sb.append(REPLACEMENT);
                }
            }
            i += width;
        }
        return sb == null ? text : sb.toString();
    }
}
