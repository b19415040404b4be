package dev.neonoauth.examples.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a Markdown document the checks need: fenced code blocks (with the hidden {@code <!-- given: -->}
 * comment that may precede one) and the inline code spans of the prose. Line numbers are 1-based, as editors show
 * them.
 */
final class Markdown {
    private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})\\s*([A-Za-z0-9_+-]*)[^`]*$");
    private static final Pattern GIVEN = Pattern.compile("<!--\\s*given:(.*?)-->", Pattern.DOTALL);
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1", Pattern.DOTALL);
    private static final Pattern JAVA_LINK = Pattern.compile("\\]\\(([^)\\s#]+\\.java)(?:#[^)]*)?\\)");

    private Markdown() {}

    /**
     * A fenced code block.
     *
     * @param language the info string's first word, lower case ({@code java}, {@code sh}; empty when none)
     * @param firstLine the line of the block's first content line (the line after the opening fence)
     * @param code the content, its common indentation removed
     * @param given the Java of a {@code <!-- given: ... -->} comment right before the opening fence (only blank lines
     *     between), if there is one
     * @param givenLine the line the given comment starts on (0 when there is none)
     * @param sourceLink the target of the last Markdown link to a {@code .java} file between the previous heading and
     *     the block (outside code blocks), as written: the file the block may be an excerpt of
     */
    record CodeBlock(String language, int firstLine, String code, Optional<String> given, int givenLine,
            Optional<String> sourceLink) {
        /** The line of the opening fence. */
        int fenceLine() {
            return firstLine - 1;
        }
    }

    /** An inline code span ({@code `like this`}) outside fenced blocks, with the line it starts on. */
    record CodeSpan(int line, String text) {}

    /** Every fenced block of {@code text}, in order. An unclosed fence runs to the end of the document. */
    static List<CodeBlock> codeBlocks(String text) {
        String[] lines = lines(text);
        List<CodeBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            String fence = open.group(2);
            String language = open.group(3).toLowerCase(Locale.ROOT);
            int start = i + 1;
            int end = start;
            while (end < lines.length && !isClosingFence(lines[end], fence)) {
                end++;
            }
            List<String> content = new ArrayList<>();
            for (int j = start; j < end; j++) {
                content.add(lines[j]);
            }
            Optional<Given> given = givenBefore(lines, i);
            blocks.add(new CodeBlock(language, start + 1, String.join("\n", dedent(content)),
                    given.map(Given::java), given.map(Given::line).orElse(0), sourceLink(lines, fenced(lines), i)));
            i = end;
        }
        return blocks;
    }

    /** The code spans outside fenced blocks (a span may wrap over lines, as in a paragraph). */
    static List<CodeSpan> codeSpans(String text) {
        String prose = withoutFencedBlocks(text);
        List<CodeSpan> spans = new ArrayList<>();
        Matcher m = CODE_SPAN.matcher(prose);
        while (m.find()) {
            String span = m.group(2);
            if (span.contains("\n\n")) {
                continue; // not a span: a stray backtick paired with one paragraphs later
            }
            spans.add(new CodeSpan(lineOf(prose, m.start()), span.strip()));
        }
        return spans;
    }

    /** The text with the content of every fenced block blanked (line count kept). */
    static String withoutFencedBlocks(String text) {
        String[] lines = lines(text);
        boolean[] fenced = fenced(lines);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(fenced[i] ? "" : lines[i]).append('\n');
        }
        return out.toString();
    }

    /** Which lines belong to a fenced block, fences included. */
    private static boolean[] fenced(String[] lines) {
        boolean[] fenced = new boolean[lines.length];
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            int end = i + 1;
            while (end < lines.length && !isClosingFence(lines[end], open.group(2))) {
                end++;
            }
            for (int j = i; j <= end && j < lines.length; j++) {
                fenced[j] = true;
            }
            i = end;
        }
        return fenced;
    }

    /** The last link to a .java file in the prose between the previous heading and the fence at {@code fenceIndex}. */
    private static Optional<String> sourceLink(String[] lines, boolean[] fenced, int fenceIndex) {
        for (int i = fenceIndex - 1; i >= 0; i--) {
            if (fenced[i]) {
                continue;
            }
            if (lines[i].startsWith("#")) {
                return Optional.empty();
            }
            Matcher m = JAVA_LINK.matcher(lines[i]);
            String last = null;
            while (m.find()) {
                last = m.group(1);
            }
            if (last != null) {
                return Optional.of(last);
            }
        }
        return Optional.empty();
    }

    /**
     * True when the non-blank lines of {@code excerpt}, stripped of indentation, occur consecutively among the non-blank
     * stripped lines of {@code source}.
     */
    static boolean isExcerptOf(String excerpt, String source) {
        List<String> wanted = excerpt.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> lines = source.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (wanted.isEmpty()) {
            return false;
        }
        for (int i = 0; i + wanted.size() <= lines.size(); i++) {
            if (lines.subList(i, i + wanted.size()).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** The 1-based line of {@code offset} in {@code text}. */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private record Given(String java, int line) {}

    /** A {@code <!-- given: ... -->} comment that ends right above the fence at {@code fenceIndex}. */
    private static Optional<Given> givenBefore(String[] lines, int fenceIndex) {
        int i = fenceIndex - 1;
        while (i >= 0 && lines[i].isBlank()) {
            i--;
        }
        if (i < 0 || !lines[i].strip().endsWith("-->")) {
            return Optional.empty();
        }
        int end = i;
        while (i >= 0 && !lines[i].contains("<!--")) {
            i--;
        }
        if (i < 0) {
            return Optional.empty();
        }
        StringBuilder comment = new StringBuilder();
        for (int j = i; j <= end; j++) {
            comment.append(lines[j]).append('\n');
        }
        Matcher m = GIVEN.matcher(comment);
        return m.find() ? Optional.of(new Given(m.group(1), i + 1)) : Optional.empty();
    }

    private static boolean isClosingFence(String line, String fence) {
        String s = line.strip();
        return s.length() >= fence.length() && s.chars().allMatch(c -> c == fence.charAt(0));
    }

    private static List<String> dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        if (indent == Integer.MAX_VALUE || indent == 0) {
            return lines;
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.isBlank() ? "" : line.substring(indent));
        }
        return out;
    }

    private static String[] lines(String text) {
        return text.replace("\r\n", "\n").split("\n", -1);
    }
}
