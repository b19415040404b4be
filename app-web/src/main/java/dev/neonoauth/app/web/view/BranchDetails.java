package dev.neonoauth.app.web.view;

/** The selected branch's details panel. */
public record BranchDetails(
        String id, String name, String parentName, boolean isDefault, boolean isProtected, String state, String created,
        String size) {}
