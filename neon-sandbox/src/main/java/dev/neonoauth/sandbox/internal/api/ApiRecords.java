package dev.neonoauth.sandbox.internal.api;

import java.time.Instant;
import java.util.List;

/** The stored Neon API objects. Rendering to the API's JSON shapes is in {@link Views}. */
public final class ApiRecords {

    private ApiRecords() {
    }

    public record Org(String id, String name, String handle, String plan, List<String> memberIds, Instant createdAt,
                      Instant updatedAt) {
    }

    public record Project(String id, String ownerId, String orgId, String name, String regionId, int pgVersion,
                          int historyRetentionSeconds, boolean storePasswords, String creationSource, Instant createdAt,
                          Instant updatedAt, Instant deletedAt) {

        Project withDeletedAt(Instant when, Instant now) {
            return new Project(id, ownerId, orgId, name, regionId, pgVersion, historyRetentionSeconds, storePasswords,
                    creationSource, createdAt, now, when);
        }

        Project withChanges(String newName, int newRetention, Instant now) {
            return new Project(id, ownerId, orgId, newName, regionId, pgVersion, newRetention, storePasswords,
                    creationSource, createdAt, now, deletedAt);
        }
    }

    public record Branch(String id, String projectId, String parentId, String name, boolean isDefault, String initSource,
                         String parentLsn, Instant parentTimestamp, Instant createdAt, Instant updatedAt, Instant deletedAt) {

        Branch withDeletedAt(Instant when) {
            return new Branch(id, projectId, parentId, name, isDefault, initSource, parentLsn, parentTimestamp, createdAt,
                    when, when);
        }

        Branch withName(String newName, Instant now) {
            return new Branch(id, projectId, parentId, newName, isDefault, initSource, parentLsn, parentTimestamp, createdAt,
                    now, deletedAt);
        }

        Branch withDefault(boolean newDefault, Instant now) {
            return new Branch(id, projectId, parentId, name, newDefault, initSource, parentLsn, parentTimestamp, createdAt,
                    now, deletedAt);
        }

        Branch withParent(String newParentId, String newParentLsn, Instant newParentTimestamp, Instant now) {
            return new Branch(id, projectId, newParentId, name, isDefault, initSource, newParentLsn, newParentTimestamp,
                    createdAt, now, deletedAt);
        }
    }

    public record Endpoint(String id, String projectId, String branchId, String type, double minCu, double maxCu,
                           Instant createdAt, Instant updatedAt, Instant deletedAt) {

        Endpoint withDeletedAt(Instant when) {
            return new Endpoint(id, projectId, branchId, type, minCu, maxCu, createdAt, when, when);
        }
    }

    /**
     * A Postgres role. {@code password} is null for a {@code noLogin} role. The sandbox keeps passwords to answer
     * {@code reveal_password} and {@code connection_uri} as Neon does for projects that store passwords; they open no
     * real database, and are never in toString.
     */
    public record Role(String branchId, String name, boolean isProtected, String password, boolean noLogin,
                       Instant createdAt, Instant updatedAt) {

        Role withPassword(String newPassword, Instant now) {
            return new Role(branchId, name, isProtected, newPassword, noLogin, createdAt, now);
        }

        Role copyTo(String otherBranchId, Instant now) {
            return new Role(otherBranchId, name, isProtected, password, noLogin, now, now);
        }

        @Override
        public String toString() {
            return "Role[branchId=" + branchId + ", name=" + name + ", noLogin=" + noLogin + ", password redacted]";
        }
    }

    public record Database(long id, String branchId, String name, String ownerName, Instant createdAt, Instant updatedAt) {
    }

    /**
     * An operation; its status follows from the clock: {@code scheduling} until {@code runningAt}, {@code running}
     * until {@code finishesAt}, then {@code finished}.
     */
    public record Operation(String id, String projectId, String branchId, String endpointId, String action,
                            Instant createdAt, Instant runningAt, Instant finishesAt) {

        String status(Instant now) {
            if (!now.isBefore(finishesAt)) {
                return "finished";
            }
            return now.isBefore(runningAt) ? "scheduling" : "running";
        }
    }
}
