package dev.neonoauth.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What user-facing output of app-web must never show: a stack trace, or a library's internal exception or name. */
final class Leaks {
    /** Exception class names, stack frames, and the libraries app-web is built on. */
    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("Exception"),
            Pattern.compile("\\bat (dev|java|com|org|io|jdk|sun)\\.[\\w$.]+\\("),
            Pattern.compile("at dev\\."),
            Pattern.compile("com\\.google\\.inject"),
            Pattern.compile("(?i)guice"),
            Pattern.compile("(?i)javalin"),
            Pattern.compile("(?i)jetty"),
            Pattern.compile("org\\.eclipse"),
            Pattern.compile("org\\.h2|(?i)hikari|(?i)okhttp"));

    /** The one script a page may have: the app's own file, never inline (CSP {@code script-src 'self'}). */
    static final String APP_SCRIPT = "<script src=\"/static/app.js\" defer></script>";

    private Leaks() {}

    /** The page without its {@link #APP_SCRIPT}: what is left must have no script at all. */
    static String withoutAppScript(String html) {
        return html.replace(APP_SCRIPT, "");
    }

    /** Fails naming {@code where} and the first forbidden thing found in {@code text}. */
    static void assertNone(String where, String text) {
        for (Pattern pattern : FORBIDDEN) {
            assertThat(pattern.matcher(text).find())
                    .as("%s shows %s:%n%s", where, pattern, text.length() > 4000 ? text.substring(0, 4000) : text)
                    .isFalse();
        }
    }

    /** Fails when {@code text} (a console log) holds a stack trace. */
    static void assertNoStackTrace(String where, String text) {
        assertThat(text).as("%s has a stack trace", where).doesNotContainPattern("(?m)^\\s+at [\\w$.]+\\(")
                .doesNotContain("Caused by:");
        assertThat(text.toLowerCase(Locale.ROOT)).as(where).doesNotContain("\tat ");
    }
}
