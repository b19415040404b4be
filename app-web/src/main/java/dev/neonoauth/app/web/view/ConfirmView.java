package dev.neonoauth.app.web.view;

/** A confirmation page before a destructive action: a POST form to {@code action} with the CSRF token. */
public record ConfirmView(String heading, String question, String action, String button, String cancelHref) {}
