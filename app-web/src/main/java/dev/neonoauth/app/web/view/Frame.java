package dev.neonoauth.app.web.view;

import java.util.Objects;

/**
 * What every page's frame needs: the title, whether a Neon account is connected (navigation), the session's CSRF
 * token for the forms, and an optional meta refresh (operation progress; no script needed).
 */
public record Frame(String title, boolean connected, String csrf, int refreshSeconds) {
    public Frame {
        Objects.requireNonNull(title, "title == null");
        Objects.requireNonNull(csrf, "csrf == null");
    }

    @Override
    public String toString() {
        return "Frame{title=" + title + ", connected=" + connected + "}";
    }
}
