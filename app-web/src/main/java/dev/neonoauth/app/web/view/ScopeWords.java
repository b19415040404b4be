package dev.neonoauth.app.web.view;

import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.neon.NeonScopes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Permissions in words, as Neon's consent screen names them; the account and about pages list them so. */
public final class ScopeWords {
    private static final Map<String, String> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put(Scope.OPENID.value(), "Know who you are (OpenID)");
        WORDS.put(NeonScopes.OFFLINE.value(), "Stay connected while you are away (offline access)");
        WORDS.put(Scope.OFFLINE_ACCESS.value(), "Stay connected while you are away (offline access)");
        WORDS.put(NeonScopes.PROJECTS_CREATE.value(), "Create projects");
        WORDS.put(NeonScopes.PROJECTS_READ.value(), "Read projects");
        WORDS.put(NeonScopes.PROJECTS_UPDATE.value(), "Modify projects");
        WORDS.put(NeonScopes.PROJECTS_DELETE.value(), "Delete projects");
        WORDS.put(NeonScopes.PROJECTS_PERMISSION.value(), "Manage project permissions");
        WORDS.put(NeonScopes.ORGS_CREATE.value(), "Create organizations");
        WORDS.put(NeonScopes.ORGS_READ.value(), "Read organizations");
        WORDS.put(NeonScopes.ORGS_UPDATE.value(), "Update organizations");
        WORDS.put(NeonScopes.ORGS_DELETE.value(), "Delete organizations");
        WORDS.put(NeonScopes.ORGS_PERMISSION.value(), "Manage organization permissions");
    }

    private ScopeWords() {}

    /** A permission: its words and the scope it stands for. */
    public record Permission(String words, String scope) {}

    /** The scopes in words, in the consent screen's order, each words once ({@code offline} and {@code offline_access} say the same). */
    public static List<Permission> describe(List<String> scopes) {
        Map<String, Permission> byWords = new LinkedHashMap<>();
        WORDS.forEach((scope, words) -> {
            if (scopes.contains(scope)) {
                byWords.merge(words, new Permission(words, scope),
                        (a, b) -> new Permission(words, a.scope() + " " + b.scope()));
            }
        });
        for (String scope : scopes) {
            if (!WORDS.containsKey(scope)) {
                byWords.put(scope, new Permission(scope, scope));
            }
        }
        return List.copyOf(byWords.values());
    }
}
