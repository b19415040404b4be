package dev.neonoauth.core.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An immutable, ordered set of scopes, parsed from and rendered to the space-delimited form of RFC 6749 section
 * 3.3. Order of first appearance is kept and duplicates collapse; unknown scopes are preserved.
 *
 * <p>Requested and granted scopes are different facts: a {@code PendingAuthorization} holds what was asked for,
 * a {@code TokenSet} what the server granted.
 */
public final class ScopeSet implements Iterable<Scope> {
    private static final ScopeSet EMPTY = new ScopeSet(new LinkedHashSet<>());

    private final Set<Scope> scopes;

    private ScopeSet(LinkedHashSet<Scope> scopes) {
        this.scopes = Collections.unmodifiableSet(scopes);
    }

    public static ScopeSet empty() {
        return EMPTY;
    }

    public static ScopeSet of(Scope... scopes) {
        Objects.requireNonNull(scopes, "scopes == null");
        return of(Arrays.asList(scopes));
    }

    public static ScopeSet of(Collection<Scope> scopes) {
        Objects.requireNonNull(scopes, "scopes == null");
        LinkedHashSet<Scope> copy = new LinkedHashSet<>();
        for (Scope scope : scopes) {
            copy.add(Objects.requireNonNull(scope, "scope == null"));
        }
        return copy.isEmpty() ? EMPTY : new ScopeSet(copy);
    }

    /**
     * Parses a space-delimited scope string. Runs of spaces are tolerated (servers are not always exact); any other
     * separator, and any character outside the scope-token set, is rejected.
     *
     * @throws IllegalArgumentException if a token contains a character RFC 6749 section 3.3 does not allow
     */
    public static ScopeSet parse(String spaceDelimited) {
        Objects.requireNonNull(spaceDelimited, "scope string == null");
        LinkedHashSet<Scope> parsed = new LinkedHashSet<>();
        for (String token : spaceDelimited.split(" ", -1)) {
            if (!token.isEmpty()) {
                parsed.add(new Scope(token));
            }
        }
        return parsed.isEmpty() ? EMPTY : new ScopeSet(parsed);
    }

    /** Parses, or returns empty when the string is not a valid scope list; for untrusted input. */
    public static Optional<ScopeSet> tryParse(String spaceDelimited) {
        if (spaceDelimited == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(spaceDelimited));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The space-delimited form, in order. */
    public String render() {
        return scopes.stream().map(Scope::value).collect(Collectors.joining(" "));
    }

    public boolean contains(Scope scope) {
        return scopes.contains(scope);
    }

    public boolean containsAll(ScopeSet other) {
        return scopes.containsAll(other.scopes);
    }

    /** This set followed by the scopes of {@code other} it does not already hold (incremental authorization). */
    public ScopeSet union(ScopeSet other) {
        LinkedHashSet<Scope> merged = new LinkedHashSet<>(scopes);
        merged.addAll(other.scopes);
        return new ScopeSet(merged);
    }

    /** The scopes of this set that {@code other} lacks. */
    public ScopeSet minus(ScopeSet other) {
        LinkedHashSet<Scope> rest = new LinkedHashSet<>(scopes);
        rest.removeAll(other.scopes);
        return rest.isEmpty() ? EMPTY : new ScopeSet(rest);
    }

    public boolean isEmpty() {
        return scopes.isEmpty();
    }

    public int size() {
        return scopes.size();
    }

    public Set<Scope> asSet() {
        return scopes;
    }

    @Override
    public Iterator<Scope> iterator() {
        return scopes.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScopeSet other && scopes.equals(other.scopes);
    }

    @Override
    public int hashCode() {
        return scopes.hashCode();
    }

    @Override
    public String toString() {
        return "ScopeSet[" + render() + "]";
    }
}
