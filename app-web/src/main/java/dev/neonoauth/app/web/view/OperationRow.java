package dev.neonoauth.app.web.view;

/** An operation on the progress page. */
public record OperationRow(String id, String action, String status, boolean terminal, boolean failed, String error) {}
