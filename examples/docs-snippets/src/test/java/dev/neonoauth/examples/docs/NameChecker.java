package dev.neonoauth.examples.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that the names a document uses exist (see {@link DocsSnippetsTest} for the rules), and counts what it
 * checked.
 */
final class NameChecker {
    /** Simple-name endings that mark a name as one of this project's kind of types. */
    static final Pattern PROJECT_LOOKING = Pattern.compile(
            "[A-Z]\\w*?(Module|Config|Service|Store|Endpoint|Exception|Provider|Flow|Client|Api|Apis|Builder|Test|IT)");
    private static final Pattern FULLY_QUALIFIED = Pattern.compile(
            "\\bdev\\.neonoauth(?:\\.[a-z_][a-z0-9_]*)*((?:\\.[A-Z][A-Za-z0-9_]*)+)");
    private static final Pattern CHAIN = Pattern.compile(
            "(?<![\\w.$:#-])[A-Za-z_$][\\w$]*(?:(?:\\.|::|#)[A-Za-z_$][\\w$]*)+");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$])[A-Za-z_$][\\w$]*");
    private static final Pattern ENVIRONMENT = Pattern.compile("\\b(NEON_[A-Z0-9_]*[A-Z0-9])\\b");
    private static final Pattern PREFIXED_OAUTH = Pattern.compile("\\bOAUTH_([A-Z0-9_]*[A-Z0-9])\\b");
    /** File name endings: {@code FileTokenStore.java} names a file, not a member. */
    private static final Set<String> FILE_EXTENSIONS = Set.of("java", "class", "md", "jar", "xml", "yaml", "yml",
            "json", "puml", "properties", "sh", "txt", "jte", "sql", "html", "kt", "toml", "jsa", "db");

    private final NameIndex index;
    private final Set<String> allowed;
    private final Set<String> allowedMembers;
    int fullNames;
    int projectLookingNames;
    int members;
    int environmentNames;

    /**
     * @param allowed simple names that are legitimately mentioned although neither the project nor this class path
     *     has them
     * @param allowedMembers {@code Type.member} pairs that are legitimately mentioned although the type has no such
     *     member (an ADR naming what it removed)
     */
    NameChecker(NameIndex index, Set<String> allowed, Set<String> allowedMembers) {
        this.index = index;
        this.allowed = allowed;
        this.allowedMembers = allowedMembers;
    }

    /** The failures in {@code text}, the content of {@code document}, as {@code file:line: message}. */
    List<String> check(String document, String text) {
        List<String> failures = new ArrayList<>();
        checkFullyQualifiedNames(document, text, failures);
        for (Markdown.CodeSpan span : Markdown.codeSpans(text)) {
            checkProjectLookingNames(document, span, failures);
            checkMembers(document, span, failures);
        }
        checkEnvironmentNames(document, text, failures);
        return failures;
    }

    /** Every {@code dev.neonoauth.…Type} anywhere in the document, code blocks included, names a project type. */
    private void checkFullyQualifiedNames(String document, String text, List<String> failures) {
        Matcher m = FULLY_QUALIFIED.matcher(text);
        while (m.find()) {
            String name = m.group();
            // stop at the first segment that is not a type (a constant such as NeonScopes.DEFAULT)
            String[] parts = name.split("\\.");
            StringBuilder type = new StringBuilder();
            for (String part : parts) {
                if (!type.isEmpty() && Character.isUpperCase(part.charAt(0)) && !isType(part)) {
                    break;
                }
                type.append(type.isEmpty() ? "" : ".").append(part);
            }
            fullNames++;
            if (!index.isProjectFullName(type.toString())) {
                failures.add(document + ":" + Markdown.lineOf(text, m.start()) + ": `" + type
                        + "` is not a class of the project");
            }
        }
    }

    /** A name that looks like one of the project's types exists in the project, the JDK or a library. */
    private void checkProjectLookingNames(String document, Markdown.CodeSpan span, List<String> failures) {
        Matcher m = IDENTIFIER.matcher(span.text());
        while (m.find()) {
            String name = m.group();
            if (!PROJECT_LOOKING.matcher(name).matches() || !isType(name)) {
                continue;
            }
            projectLookingNames++;
            if (!index.isKnown(name) && !allowed.contains(name)) {
                failures.add(document + ":" + span.line() + ": `" + name + "` names no class of the project, the JDK or"
                        + " the libraries on the class path (in `" + abbreviate(span.text()) + "`)");
            }
        }
    }

    /** {@code Type.member}, {@code Type::member}, {@code Type#member}, {@code Type.Nested} of a project type exist. */
    private void checkMembers(String document, Markdown.CodeSpan span, List<String> failures) {
        Matcher m = CHAIN.matcher(span.text());
        while (m.find()) {
            String[] parts = m.group().split("\\.|::|#");
            // `Test.someLongMethodName…`: an abbreviated member, checked as a prefix
            String after = span.text().substring(m.end());
            boolean abbreviated = after.startsWith("…") || after.startsWith("...");
            for (int i = 0; i + 1 < parts.length; i++) {
                String owner = parts[i];
                String member = parts[i + 1];
                if (!isType(owner) || FILE_EXTENSIONS.contains(member) || !index.isProjectName(owner)
                        || allowedMembers.contains(owner + "." + member)) {
                    continue;
                }
                members++;
                Boolean has = index.projectTypeHasMember(owner, member, abbreviated && i + 2 == parts.length);
                if (Boolean.FALSE.equals(has) && !index.isLibraryName(owner)) {
                    failures.add(document + ":" + span.line() + ": `" + owner + "` has no member `" + member + "` (in `"
                            + abbreviate(span.text()) + "`)");
                }
            }
        }
    }

    /**
     * {@code NEON_…} variables appear in the repository's sources or scripts; {@code OAUTH_X} (oauth-http's
     * {@code fromEnvironment(env, "OAUTH_")}) has its suffix {@code "X"} in the sources.
     */
    private void checkEnvironmentNames(String document, String text, List<String> failures) {
        Matcher neon = ENVIRONMENT.matcher(text);
        while (neon.find()) {
            environmentNames++;
            if (!index.sourcesContain(neon.group(1))) {
                failures.add(document + ":" + Markdown.lineOf(text, neon.start()) + ": the variable " + neon.group(1)
                        + " appears in no source file or script");
            }
        }
        Matcher oauth = PREFIXED_OAUTH.matcher(text);
        while (oauth.find()) {
            environmentNames++;
            if (!index.sourcesContain(oauth.group()) && !index.sourcesContain("\"" + oauth.group(1) + "\"")) {
                failures.add(document + ":" + Markdown.lineOf(text, oauth.start()) + ": the variable OAUTH_"
                        + oauth.group(1) + " appears in no source file, and no fromEnvironment reads it (no \"" + oauth.group(1) + "\" in the sources)");
            }
        }
    }

    /** CamelCase with a lower-case letter: {@code TokenStore}, not {@code DEFAULT} or {@code X}. */
    static boolean isType(String name) {
        return Character.isUpperCase(name.charAt(0)) && name.chars().anyMatch(Character::isLowerCase);
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }
}
