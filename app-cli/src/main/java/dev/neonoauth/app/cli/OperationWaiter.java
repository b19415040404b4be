package dev.neonoauth.app.cli;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.Operation;
import dev.neonoauth.neon.api.OperationTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Waits for Neon operations to finish: a spinner with the elapsed time on standard error when a person is at a
 * terminal, two plain lines otherwise (logs and pipes stay readable).
 */
final class OperationWaiter {
    private static final String[] FRAMES = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};

    private OperationWaiter() {}

    /**
     * Waits until every operation is terminal.
     *
     * @return the final states
     * @throws CliException when one failed, or the timeout passed
     */
    static List<Operation> await(CliContext ctx, AccountKey account, String projectId, List<Operation> operations,
            Duration timeout) {
        List<Operation> pending = operations.stream().filter(o -> !o.status().isTerminal()).toList();
        if (pending.isEmpty()) {
            return failIfAnyFailed(operations);
        }
        NeonApi api = ctx.onlineServices().neonApi();
        Terminal err = ctx.stderr();
        String what = "Waiting for " + pending.size() + " operation" + (pending.size() == 1 ? "" : "s") + " ("
                + String.join(", ", pending.stream().map(Operation::action).distinct().toList()) + ")";
        long start = System.nanoTime();
        Thread spinner = null;
        if (ctx.env().terminal()) {
            spinner = new Thread(() -> spin(err, what, start), "neon-oauth-spinner");
            spinner.setDaemon(true);
            spinner.start();
        } else {
            err.line(what + " ...");
        }
        List<Operation> done;
        try {
            done = api.awaitOperations(account, projectId, operations, timeout);
        } catch (OperationTimeoutException e) {
            throw CliException.error("the operations did not finish within " + LoginCommand.human(timeout)
                    + "; they keep running at Neon (check again with: neon-oauth projects get " + projectId + ")");
        } finally {
            if (spinner != null) {
                spinner.interrupt();
                try {
                    spinner.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                err.clearProgress();
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        err.line("Operations finished in " + String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0) + ".");
        return failIfAnyFailed(done);
    }

    private static List<Operation> failIfAnyFailed(List<Operation> operations) {
        for (Operation o : operations) {
            if (o.status().isFailure()) {
                throw CliException.error("operation " + o.id() + " (" + o.action() + ") ended "
                        + o.status().wireValue() + o.error().map(e -> ": " + e).orElse(""));
            }
        }
        return operations;
    }

    private static void spin(Terminal err, String what, long start) {
        int frame = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            err.progress(FRAMES[frame++ % FRAMES.length] + " " + what + " " + seconds + "s");
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
