package dev.neonoauth.examples.docs;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What names exist: the project's classes (ArchUnit's {@link ClassFileImporter} over {@code dev.neonoauth} on the
 * class path, plus every type declared in the repository's {@code src/main/java} and {@code src/test/java}, so that
 * test classes and modules that are not on this class path count too), the JDK's classes, and the classes of every
 * jar on the class path.
 */
final class NameIndex {
    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "^\\s*(?:(?:public|protected|private|abstract|final|static|sealed|non-sealed|strictfp)\\s+)*"
                    + "(?:class|interface|record|enum|@interface)\\s+([A-Z]\\w*)", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    /** Project classes by simple name (nested classes under their own simple name). */
    private final Map<String, Set<String>> projectBySimpleName = new HashMap<>();
    /** Project classes by dotted full name ({@code a.b.Outer.Inner}). */
    private final Set<String> projectFullNames = new HashSet<>();
    /** The source file declaring a project type, by dotted full name of its top-level type. */
    private final Map<String, Path> sourceOf = new HashMap<>();
    /** The JDK's and the libraries' simple names. */
    private final Set<String> librarySimpleNames = new HashSet<>();
    /** Text of the repository's non-documentation files (sources, scripts, POMs), for constant and variable names. */
    private final StringBuilder sourceText = new StringBuilder();
    private final ClassLoader loader = NameIndex.class.getClassLoader();

    private NameIndex() {}

    /** Indexes the class path of this JVM, the JDK, and the sources under {@code repository}. */
    static NameIndex build(Path repository) {
        NameIndex index = new NameIndex();
        index.importProjectClasses();
        index.scanSources(repository);
        index.scanJdk();
        index.scanClassPath(System.getProperty("java.class.path"));
        return index;
    }

    /** An index of the given simple names only (for the checks' own tests). */
    static NameIndex of(Set<String> projectSimpleNames, Set<String> librarySimpleNames) {
        NameIndex index = new NameIndex();
        projectSimpleNames.forEach(n -> index.projectBySimpleName.computeIfAbsent(n, k -> new HashSet<>()).add("test." + n));
        projectSimpleNames.forEach(n -> index.projectFullNames.add("test." + n));
        index.librarySimpleNames.addAll(librarySimpleNames);
        return index;
    }

    boolean isProjectName(String simpleName) {
        return projectBySimpleName.containsKey(simpleName);
    }

    boolean isKnown(String simpleName) {
        return isProjectName(simpleName) || librarySimpleNames.contains(simpleName);
    }

    boolean isLibraryName(String simpleName) {
        return librarySimpleNames.contains(simpleName);
    }

    /** True for a dotted name such as {@code dev.neonoauth.core.OAuthClient} or {@code ...RevocationEndpoint.Outcome}. */
    boolean isProjectFullName(String dotted) {
        if (projectFullNames.contains(dotted)) {
            return true;
        }
        // a nested type of a class known only from its source: declared in the top-level type's file
        Matcher top = Pattern.compile("^((?:[a-z_][\\w]*\\.)+[A-Z]\\w*)((?:\\.[A-Z]\\w*)+)$").matcher(dotted);
        if (top.matches() && sourceOf.containsKey(top.group(1))) {
            String source = read(sourceOf.get(top.group(1)));
            for (String nested : top.group(2).substring(1).split("\\.")) {
                if (!Pattern.compile("\\b(class|interface|record|enum)\\s+" + nested + "\\b").matcher(source).find()) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * True when a project type named {@code simpleName} has a member (method, field, enum constant, record component
     * or nested type) named {@code member} (or, when {@code prefix}, whose name starts with it); for a type known only from its source, when its source file contains the
     * word. Null when no project type has that simple name.
     */
    Boolean projectTypeHasMember(String simpleName, String member, boolean prefix) {
        Set<String> candidates = projectBySimpleName.get(simpleName);
        if (candidates == null) {
            return null;
        }
        Pattern word = Pattern.compile("\\b" + Pattern.quote(member) + (prefix ? "" : "\\b"));
        Predicate<String> matches = prefix ? n -> n.startsWith(member) : member::equals;
        for (String dotted : candidates) {
            Class<?> type = load(dotted);
            if (type != null && hasMember(type, matches)) {
                return true;
            }
            Path source = sourceOf.get(topLevel(dotted));
            if (type == null && source != null && word.matcher(read(source)).find()) {
                return true;
            }
        }
        return false;
    }

    /** True when the repository's sources, scripts or POMs contain {@code text}. */
    boolean sourcesContain(String text) {
        return sourceText.indexOf(text) >= 0;
    }

    int projectTypeCount() {
        return projectFullNames.size();
    }

    private void importProjectClasses() {
        for (JavaClass c : new ClassFileImporter().importPackages("dev.neonoauth")) {
            if (c.isAnonymousClass() || c.getSimpleName().isEmpty()) {
                continue;
            }
            String dotted = c.getName().replace('$', '.');
            addProject(c.getSimpleName(), dotted);
        }
    }

    private void addProject(String simpleName, String dotted) {
        projectBySimpleName.computeIfAbsent(simpleName, k -> new HashSet<>()).add(dotted);
        projectFullNames.add(dotted);
    }

    private void scanSources(Path repository) {
        try {
            Files.walkFileTree(repository, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(repository)
                            && (name.equals(".git") || name.equals("target") || name.equals("node_modules"));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    indexFile(repository, file);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void indexFile(Path repository, Path file) {
        String relative = repository.relativize(file).toString().replace(File.separatorChar, '/');
        String name = file.getFileName().toString();
        boolean javaSource = name.endsWith(".java")
                && (relative.contains("src/main/java/") || relative.contains("src/test/java/"));
        if (javaSource) {
            indexSource(file, read(file));
        }
        boolean thisModule = relative.startsWith("examples/docs-snippets/"); // its tests hold invented names on purpose
        if (!thisModule && (javaSource || name.equals("pom.xml") || relative.startsWith(".ci/") || relative.contains("/bin/")
                || name.endsWith(".sh") || name.endsWith(".properties"))) {
            sourceText.append(read(file)).append('\n');
        }
    }

    private void indexSource(Path file, String text) {
        Matcher pkg = PACKAGE.matcher(text);
        String packageName = pkg.find() ? pkg.group(1) : "";
        String top = file.getFileName().toString().replaceAll("\\.java$", "");
        if (top.equals("package-info")) {
            return;
        }
        String topDotted = packageName.isEmpty() ? top : packageName + "." + top;
        sourceOf.put(topDotted, file);
        addProject(top, topDotted);
        Matcher declared = TYPE_DECLARATION.matcher(text);
        while (declared.find()) {
            String simple = declared.group(1);
            if (!simple.equals(top)) {
                addProject(simple, topDotted + "." + simple);
            }
        }
    }

    private void scanJdk() {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        try (Stream<Path> walk = Files.walk(jrt.getPath("/modules"))) {
            walk.forEach(p -> addLibraryClassFile(p.getFileName() == null ? "" : p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void scanClassPath(String classPath) {
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                try (ZipFile jar = new ZipFile(path.toFile())) {
                    Enumeration<? extends ZipEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String name = entries.nextElement().getName();
                        if (!name.startsWith("dev/neonoauth/")) { // the project's own jars are project names
                            addLibraryClassFile(name.substring(name.lastIndexOf('/') + 1));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + path, e);
                }
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(p -> !path.relativize(p).toString().replace(File.separatorChar, '/').startsWith("dev/neonoauth/"))
                            .forEach(p -> addLibraryClassFile(p.getFileName().toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void addLibraryClassFile(String fileName) {
        if (!fileName.endsWith(".class") || fileName.equals("module-info.class") || fileName.equals("package-info.class")) {
            return;
        }
        for (String part : fileName.substring(0, fileName.length() - ".class".length()).split("\\$")) {
            if (!part.isEmpty() && Character.isJavaIdentifierStart(part.charAt(0))) {
                librarySimpleNames.add(part);
            }
        }
    }

    private Class<?> load(String dotted) {
        // a.b.Outer.Inner -> a.b.Outer$Inner
        String binary = dotted;
        Matcher m = Pattern.compile("^((?:[a-z_]\\w*\\.)*)([A-Z].*)$").matcher(dotted);
        if (m.matches()) {
            binary = m.group(1) + m.group(2).replace('.', '$');
        }
        try {
            return Class.forName(binary, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static String topLevel(String dotted) {
        Matcher m = Pattern.compile("^((?:[a-z_]\\w*\\.)*[A-Z]\\w*)").matcher(dotted);
        return m.find() ? m.group(1) : dotted;
    }

    private static boolean hasMember(Class<?> type, Predicate<String> member) {
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(type));
        Set<Class<?>> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (!seen.add(c)) {
                continue;
            }
            try {
                for (Method m : c.getDeclaredMethods()) {
                    if (member.test(m.getName())) {
                        return true;
                    }
                }
                for (Field f : c.getDeclaredFields()) {
                    if (member.test(f.getName())) {
                        return true;
                    }
                }
                for (Class<?> nested : c.getDeclaredClasses()) {
                    if (member.test(nested.getSimpleName())) {
                        return true;
                    }
                }
            } catch (LinkageError e) {
                // a member's type is not on this class path: judge by the others
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(List.of(c.getInterfaces()));
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            try {
                return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
        }
    }
}
