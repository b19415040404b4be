package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.Operation;
import dev.neonoauth.neon.api.OperationStatus;
import dev.neonoauth.neon.api.OperationTimeoutException;
import dev.neonoauth.neon.api.ProjectCreated;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link NeonApi#awaitOperations}: polls the operations a response started until each is finished or failed. */
class AwaitOperationsTest extends MockNeonServer {
    static final String PROJECT = "shiny-wind-028834";
    static final String OP1 = "a07f8772-1877-4da9-a939-3a3ae62d1d8d";
    static final String OP2 = "d8ac46eb-a757-42b1-9907-f78322ee394e";

    List<Operation> started;

    @BeforeEach
    void createProject() throws Exception {
        inject(b -> b.operationPollInterval(Duration.ofMillis(500)), 2);
        server.enqueue(json(201, Fixtures.read("project-created.json")));
        ProjectCreated created = get(NeonApi.class).createProject(ACCOUNT,
                dev.neonoauth.neon.api.ProjectCreation.named("myproject"));
        started = created.operations();
        take();
        assertThat(started).extracting(Operation::status).containsExactly(OperationStatus.RUNNING, OperationStatus.SCHEDULING);
    }

    @Test
    void pollsUntilEveryOperationIsTerminal() throws Exception {
        enqueue(200, "operation-running.json");
        enqueue(200, "operation-2-finished.json");
        enqueue(200, "operation-finished.json");

        List<Operation> done = get(NeonApi.class).awaitOperations(ACCOUNT, PROJECT, started, Duration.ofSeconds(30));

        assertThat(done).extracting(Operation::id).containsExactly(OP1, OP2);
        assertThat(done).extracting(Operation::status).containsOnly(OperationStatus.FINISHED);
        assertThat(take().getTarget()).isEqualTo("/api/v2/projects/" + PROJECT + "/operations/" + OP1);
        assertThat(take().getTarget()).isEqualTo("/api/v2/projects/" + PROJECT + "/operations/" + OP2);
        assertThat(take().getTarget()).as("only the unfinished one is polled again")
                .isEqualTo("/api/v2/projects/" + PROJECT + "/operations/" + OP1);
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void aFailedOperationIsReturnedWithItsStatusAndError() throws Exception {
        enqueue(200, "operation-finished.json");
        enqueue(200, "operation-2-failed.json");

        List<Operation> done = get(NeonApi.class).awaitOperations(ACCOUNT, PROJECT, started, Duration.ofSeconds(30));

        assertThat(done.get(1).status()).isEqualTo(OperationStatus.FAILED);
        assertThat(done.get(1).status().isFailure()).isTrue();
        assertThat(done.get(1).error()).contains("compute failed to start");
        assertThat(time.sleeps()).isEmpty();
        take();
        take();
    }

    @Test
    void givesUpAtTheTimeoutWithTheLastKnownStates() throws Exception {
        enqueue(200, "operation-running.json");
        enqueue(200, "operation-2-finished.json");
        for (int i = 0; i < 3; i++) {
            enqueue(200, "operation-running.json");
        }

        OperationTimeoutException e = catchThrowableOfType(OperationTimeoutException.class,
                () -> get(NeonApi.class).awaitOperations(ACCOUNT, PROJECT, started, Duration.ofMillis(1200)));

        assertThat(e.lastKnown()).extracting(Operation::status).containsExactly(OperationStatus.RUNNING, OperationStatus.FINISHED);
        assertThat(e.getMessage()).contains("1 of 2 operation(s)").contains(PROJECT);
        assertThat(e.isRetryable()).isTrue();
        assertThat(time.sleeps()).as("the last wait is cut to the deadline")
                .containsExactly(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(200));
        assertThat(server.getRequestCount()).as("1 create + 2 + 3 polls").isEqualTo(6);
    }

    @Test
    void nothingToWaitForSendsNothing() {
        List<Operation> none = get(NeonApi.class).awaitOperations(ACCOUNT, PROJECT, List.of(), Duration.ofSeconds(1));

        assertThat(none).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
