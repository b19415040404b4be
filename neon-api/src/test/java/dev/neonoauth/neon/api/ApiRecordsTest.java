package dev.neonoauth.neon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The records of the port: secrets never in toString, and what Neon would refuse is refused when built. */
class ApiRecordsTest {
    static final String PASSWORD = "npg_S3cr3tPassw0rd";
    static final String URI = "postgresql://neondb_owner:" + PASSWORD + "@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require";

    @Test
    void passwordsAndConnectionUrisAreRedactedInToString() {
        Role role = new Role("br-wispy-meadow-118737", "neondb_owner", Optional.of(PASSWORD));
        RoleChange change = new RoleChange(role, List.of());

        assertThat(new RolePassword(PASSWORD).toString()).isEqualTo("RolePassword[redacted]");
        assertThat(new ConnectionUri(URI).toString()).doesNotContain(PASSWORD).doesNotContain("postgresql://");
        assertThat(role.toString()).contains("neondb_owner").doesNotContain(PASSWORD);
        assertThat(change.toString()).contains("neondb_owner").doesNotContain(PASSWORD);
        assertThat(new RolePassword(PASSWORD).value()).isEqualTo(PASSWORD);
    }

    @Test
    void connectionUriQueryDefaultsToTheDefaultBranchUnpooled() {
        ConnectionUriQuery query = ConnectionUriQuery.of("neondb", "neondb_owner");

        assertThat(query.branchId()).isEmpty();
        assertThat(query.endpointId()).isEmpty();
        assertThat(query.pooled()).isFalse();
        ConnectionUriQuery specific = query.onBranch("br-x").onEndpoint("ep-y").withPooling(true);
        assertThat(specific).isEqualTo(new ConnectionUriQuery(Optional.of("br-x"), Optional.of("ep-y"), "neondb",
                "neondb_owner", true));
    }

    @Test
    void roleAndDatabaseNamesAreOneTo63Bytes() {
        assertThatThrownBy(() -> RoleCreation.named("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RoleCreation.named("x".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RoleCreation.named("é".repeat(32))).as("64 bytes in UTF-8").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DatabaseCreation("app\n", "owner")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionUriQuery.of("neondb", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RoleCreation.named("x".repeat(63)).noLogin()).isFalse();
        assertThat(new DatabaseCreation("app db", "app_owner").ownerName()).isEqualTo("app_owner");
    }

    @Test
    void endpointTypesAreNeons() {
        assertThat(EndpointCreation.readWrite("br-x").type()).isEqualTo("read_write");
        assertThat(EndpointCreation.readOnly("br-x").type()).isEqualTo("read_only");
        assertThatThrownBy(() -> new EndpointCreation("br-x", "READ_WRITE")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRestoreGoesToAnLsnOrATimestampNotBoth() {
        BranchRestore restore = BranchRestore.toTimestamp("br-x", Instant.parse("2025-11-23T17:00:00Z")).preservingUnder("backup");

        assertThat(restore.preserveUnderName()).contains("backup");
        assertThat(BranchRestore.toHeadOf("br-x").sourceTimestamp()).isEmpty();
        assertThatThrownBy(() -> new BranchRestore("br-x", Optional.of("0/1E19478"), Optional.of(Instant.EPOCH), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BranchRestore.toHeadOf("br-x").preservingUnder(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alreadyDeletedIsANeonApiExceptionWithStatus204() {
        AlreadyDeletedException e = new AlreadyDeletedException("BRANCH_NOT_FOUND", "gone", "req-1");

        assertThat(e).isInstanceOf(NeonApiException.class);
        assertThat(e.httpStatus()).isEqualTo(204);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.code()).contains("BRANCH_NOT_FOUND");
        assertThat(e.requestId()).contains("req-1");
    }
}
