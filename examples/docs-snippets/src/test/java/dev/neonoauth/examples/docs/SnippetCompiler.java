package dev.neonoauth.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one {@code ```java} block of a document with the JDK's compiler, against a class path, and reports each
 * error as {@code file:line: message} with the line in the document. The conventions are described on
 * {@link DocsSnippetsTest}.
 */
final class SnippetCompiler {
    /**
     * The imports every snippet that is not a whole compilation unit gets: the library packages the docs show, Guice
     * and the sandbox as single types (their packages would make {@code Scope}, {@code Module} and {@code NeonScopes}
     * ambiguous), and the JDK packages snippets use.
     */
    static final List<String> IMPORTS = List.of(
            "dev.neonoauth.core.*",
            "dev.neonoauth.core.domain.*",
            "dev.neonoauth.core.port.in.*",
            "dev.neonoauth.core.port.out.*",
            "dev.neonoauth.core.memory.*",
            "dev.neonoauth.guice.*",
            "dev.neonoauth.adapter.http.*",
            "dev.neonoauth.adapter.neon.*",
            "dev.neonoauth.adapter.jdbc.*",
            "dev.neonoauth.neon.*",
            "dev.neonoauth.neon.api.*",
            // single types: dev.neonoauth.sandbox has a NeonScopes of its own, which would clash with neon-api's
            "dev.neonoauth.sandbox.NeonSandbox",
            "dev.neonoauth.sandbox.FaultPlan",
            "dev.neonoauth.sandbox.FaultRule",
            "dev.neonoauth.sandbox.SandboxClient",
            "dev.neonoauth.sandbox.SandboxUser",
            "com.google.inject.AbstractModule",
            "com.google.inject.Guice",
            "com.google.inject.Injector",
            "com.google.inject.Provides",
            "com.google.inject.Singleton",
            "com.google.inject.Stage",
            "com.google.inject.util.Modules",
            "java.io.*",
            "java.net.URI",
            "java.nio.*",
            "java.nio.channels.*",
            "java.nio.file.*",
            "java.nio.file.attribute.*",
            "java.time.*",
            "java.util.*",
            "java.util.concurrent.*");

    /**
     * Fields every wrapped snippet can use without declaring them, for names the docs use as "the one you have"
     * (a snippet's own local variable of the same name hides the field).
     */
    static final List<String> DEFAULT_GIVENS = List.of(
            "NeonSandbox sandbox;",
            "AccountKey account;",
            "ClientRegistration registration;",
            "ScopeSet scopes;",
            "URI redirectUri;",
            "String rawQuery;");

    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|protected|private|abstract|final|static|sealed|non-sealed|strictfp)\\s+)*"
                    + "(class|interface|record|enum|@interface)\\s+([A-Z]\\w*)");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^(?:(?:@\\w+(?:\\([^)]*\\))?|abstract|final|sealed|non-sealed|strictfp|static)\\s+)*public\\s+"
                    + "(?:(?:abstract|final|sealed|non-sealed|strictfp|static)\\s+)*(?:class|interface|record|enum|@interface)\\s+([A-Z]\\w*)");
    private static final String WRAPPER = "Snippet";

    private final JavaCompiler compiler;
    private final StandardJavaFileManager files;
    private final String classPath;
    private final String sourcePath;
    private final Path outputRoot;
    private int compiled;

    /**
     * @param classPath what the snippets compile against
     * @param sourcePath source directories javac may read on demand (examples that are not on the class path); may be
     *     empty
     * @param outputRoot a scratch directory for class files
     */
    SnippetCompiler(String classPath, List<Path> sourcePath, Path outputRoot) {
        this.compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        this.files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        this.classPath = classPath;
        this.sourcePath = sourcePath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        this.outputRoot = outputRoot;
    }

    /** True when {@code code} declares a top-level type (or has a package or import line): it compiles as it is. */
    static boolean isCompilationUnit(String code) {
        for (String line : code.split("\n")) {
            if (line.startsWith("package ") || line.startsWith("import ") || TOP_LEVEL_TYPE.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Compiles {@code block} of {@code document} (a path for messages) and returns one message per error, empty
     * when it compiles.
     */
    List<String> compile(String document, Markdown.CodeBlock block) {
        Source source;
        try {
            source = generate(block);
        } catch (IllegalArgumentException e) {
            return List.of(document + ":" + block.fenceLine() + ": " + e.getMessage());
        }
        Path out = outputRoot.resolve("s" + (++compiled));
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> options = new ArrayList<>(List.of("-proc:none", "-nowarn", "-implicit:none", "-encoding", "UTF-8",
                "-classpath", classPath, "-d", out.toString()));
        if (!sourcePath.isEmpty()) {
            options.addAll(List.of("-sourcepath", sourcePath));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject unit = new StringSource(source.path(), source.text());
        boolean ok = compiler.getTask(null, files, diagnostics, options, null, List.of(unit)).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(describe(document, block, source, d));
            }
        }
        if (!ok && errors.isEmpty()) {
            errors.add(document + ":" + block.fenceLine() + ": the compiler failed without an error message");
        }
        return errors;
    }

    /** The generated compilation unit: its path for javac, its text, and for each of its lines the document line. */
    record Source(String path, String text, List<Integer> documentLines) {}

    /** Wraps {@code block} as {@link DocsSnippetsTest} describes. */
    static Source generate(Markdown.CodeBlock block) {
        Given given = Given.parse(block.given().orElse(""), block.givenLine());
        List<String> lines = new ArrayList<>();
        List<Integer> documentLines = new ArrayList<>();
        String[] code = block.code().split("\n", -1);
        boolean unit = isCompilationUnit(block.code());
        boolean ownHeader = block.code().lines().anyMatch(l -> l.startsWith("package ") || l.startsWith("import "));
        if (unit && !given.body().isEmpty()) {
            throw new IllegalArgumentException("a given with declarations is only for snippets of statements; this "
                    + "snippet declares a type (its given may only hold package and import lines)");
        }
        boolean ownPackage = block.code().lines().anyMatch(l -> l.startsWith("package "));
        if (given.packageLine() != null && ownPackage) {
            throw new IllegalArgumentException("the snippet and its given both declare a package");
        }
        String packageName = "";
        if (given.packageLine() != null) {
            add(lines, documentLines, given.packageLine(), given.packageLineNumber());
            packageName = given.packageLine().replaceAll("^package\\s+|\\s*;\\s*$", "");
        }
        if (!ownHeader) {
            for (String imported : IMPORTS) {
                add(lines, documentLines, "import " + imported + ";", 0);
            }
        }
        for (int i = 0; i < given.imports().size(); i++) {
            add(lines, documentLines, given.imports().get(i), given.importLines().get(i));
        }
        String typeName = WRAPPER;
        if (unit) {
            for (int i = 0; i < code.length; i++) {
                add(lines, documentLines, code[i], block.firstLine() + i);
                Matcher publicType = PUBLIC_TYPE.matcher(code[i]);
                if (publicType.find() && typeName.equals(WRAPPER)) {
                    typeName = publicType.group(1);
                }
                Matcher declaredPackage = Pattern.compile("^package\\s+([\\w.]+)\\s*;").matcher(code[i]);
                if (declaredPackage.find()) {
                    packageName = declaredPackage.group(1);
                }
            }
        } else {
            add(lines, documentLines, "@SuppressWarnings(\"all\")", 0);
            add(lines, documentLines, "abstract class " + WRAPPER + " {", 0);
            for (String field : DEFAULT_GIVENS) {
                add(lines, documentLines, "    " + field, 0);
            }
            for (int i = 0; i < given.body().size(); i++) {
                add(lines, documentLines, "    " + given.body().get(i), given.bodyLines().get(i));
            }
            add(lines, documentLines, "    void snippet() throws Throwable {", 0);
            for (int i = 0; i < code.length; i++) {
                add(lines, documentLines, "        " + code[i], block.firstLine() + i);
            }
            add(lines, documentLines, "    }", 0);
            add(lines, documentLines, "}", 0);
        }
        String path = (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/") + typeName + ".java";
        return new Source(path, String.join("\n", lines) + "\n", documentLines);
    }

    private static void add(List<String> lines, List<Integer> documentLines, String line, int documentLine) {
        lines.add(line);
        documentLines.add(documentLine);
    }

    private static String describe(String document, Markdown.CodeBlock block, Source source,
            Diagnostic<? extends JavaFileObject> d) {
        String message = d.getMessage(Locale.ROOT).replace("\n", "\n      ");
        JavaFileObject where = d.getSource();
        long line = d.getLineNumber();
        if (where == null || !(where instanceof StringSource)) {
            String file = where == null ? "(no file)" : where.getName();
            return document + ":" + block.fenceLine() + ": in " + file + ":" + line + ": " + message;
        }
        int index = (int) line - 1;
        int documentLine = index >= 0 && index < source.documentLines().size() ? source.documentLines().get(index) : 0;
        String text = index >= 0 && index < source.documentLines().size() ? source.text().split("\n", -1)[index].strip() : "";
        String at = documentLine > 0 ? document + ":" + documentLine : document + ":" + block.fenceLine() + " (in the wrapper)";
        return at + ": " + message + (text.isEmpty() ? "" : "\n      | " + text);
    }

    /** The hidden prelude of a snippet: a package line, import lines, and class-body declarations. */
    record Given(String packageLine, int packageLineNumber, List<String> imports, List<Integer> importLines,
            List<String> body, List<Integer> bodyLines) {

        static Given parse(String java, int firstLine) {
            String packageLine = null;
            int packageLineNumber = 0;
            List<String> imports = new ArrayList<>();
            List<Integer> importLines = new ArrayList<>();
            List<String> body = new ArrayList<>();
            List<Integer> bodyLines = new ArrayList<>();
            String[] lines = java.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                int number = firstLine + i;
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("package ")) {
                    packageLine = line;
                    packageLineNumber = number;
                } else if (line.startsWith("import ")) {
                    imports.add(line);
                    importLines.add(number);
                } else {
                    body.add(line);
                    bodyLines.add(number);
                }
            }
            return new Given(packageLine, packageLineNumber, imports, importLines, body, bodyLines);
        }
    }

    private static final class StringSource extends SimpleJavaFileObject {
        private final String text;

        StringSource(String path, String text) {
            super(URI.create("string:///" + path), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
