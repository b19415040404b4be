package dev.neonoauth.app.web.view;

/**
 * A one-time message after an action, one of the app's fixed sentences.
 *
 * @param success it tells of an action's success (else it is information)
 */
public record FlashMessage(String text, boolean success) {}
