package dev.neonoauth.neon.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /projects/{id}/branches/{branch_id}/restore}: restore the branch to the head of {@code sourceBranchId},
 * or to a point of its history (an LSN or a timestamp, not both). {@code preserveUnderName} keeps the branch's
 * previous state as a new branch of that name; Neon requires it when the branch has children or is restored from its
 * own history.
 */
public record BranchRestore(
        String sourceBranchId,
        Optional<String> sourceLsn,
        Optional<Instant> sourceTimestamp,
        Optional<String> preserveUnderName) {
    public BranchRestore {
        Objects.requireNonNull(sourceBranchId, "sourceBranchId == null");
        Objects.requireNonNull(sourceLsn, "sourceLsn == null");
        Objects.requireNonNull(sourceTimestamp, "sourceTimestamp == null");
        Objects.requireNonNull(preserveUnderName, "preserveUnderName == null");
        if (sourceLsn.isPresent() && sourceTimestamp.isPresent()) {
            throw new IllegalArgumentException("restore to an LSN or to a timestamp, not both");
        }
        preserveUnderName.ifPresent(name -> {
            if (name.isBlank()) {
                throw new IllegalArgumentException("preserveUnderName is blank");
            }
        });
    }

    /** To the current state (head) of the source branch. */
    public static BranchRestore toHeadOf(String sourceBranchId) {
        return new BranchRestore(sourceBranchId, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** To the state the source branch had at {@code timestamp}. */
    public static BranchRestore toTimestamp(String sourceBranchId, Instant timestamp) {
        return new BranchRestore(sourceBranchId, Optional.empty(), Optional.of(timestamp), Optional.empty());
    }

    /** Keeps the branch's state before the restore as a new branch named {@code name}. */
    public BranchRestore preservingUnder(String name) {
        return new BranchRestore(sourceBranchId, sourceLsn, sourceTimestamp, Optional.of(name));
    }
}
