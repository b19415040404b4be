package dev.neonoauth.app.web.view;

import java.util.Optional;

/**
 * A plain message page (disconnected, deleted), with an optional follow-up form: a POST to {@code formAction}
 * labelled {@code formButton} (e.g. "Recover" after a delete).
 */
public record MessageView(String heading, String message, Optional<String> formAction, Optional<String> formButton) {}
