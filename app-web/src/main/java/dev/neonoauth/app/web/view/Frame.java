package dev.neonoauth.app.web.view;

import java.util.Objects;
import java.util.Optional;

/**
 * What every page's frame needs: the title, whether a Neon account is connected and as whom (the header), the
 * session's CSRF token for the forms, a one-time message after an action, and an optional meta refresh (operation
 * progress; no script needed).
 */
public record Frame(String title, boolean connected, Optional<String> user, String csrf, int refreshSeconds,
        Optional<FlashMessage> flash) {
    public Frame {
        Objects.requireNonNull(title, "title == null");
        Objects.requireNonNull(user, "user == null");
        Objects.requireNonNull(csrf, "csrf == null");
        Objects.requireNonNull(flash, "flash == null");
    }

    @Override
    public String toString() {
        return "Frame{title=" + title + ", connected=" + connected + "}";
    }
}
