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
    }

    public record Endpoint(String id, String projectId, String branchId, String type, double minCu, double maxCu,
                           Instant createdAt, Instant updatedAt, Instant deletedAt) {

        Endpoint withDeletedAt(Instant when) {
            return new Endpoint(id, projectId, branchId, type, minCu, maxCu, createdAt, when, when);
        }
    }

    public record Role(String branchId, String name, boolean isProtected, Instant createdAt, Instant updatedAt) {
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
