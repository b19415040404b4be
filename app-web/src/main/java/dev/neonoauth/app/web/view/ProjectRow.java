package dev.neonoauth.app.web.view;

/** One project in the list, formatted for display (the template escapes every value). */
public record ProjectRow(String id, String name, String region, int pgVersion, String created) {}
