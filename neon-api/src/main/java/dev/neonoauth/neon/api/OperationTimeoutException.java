package dev.neonoauth.neon.api;

import dev.neonoauth.core.port.out.InfrastructureException;
import java.util.List;

/** Operations did not all finish within the time given; the last known states are kept. */
public class OperationTimeoutException extends InfrastructureException {
    private static final long serialVersionUID = 1L;
    private final transient List<Operation> lastKnown;

    public OperationTimeoutException(String message, List<Operation> lastKnown) {
        super(message, true, null);
        this.lastKnown = List.copyOf(lastKnown);
    }

    public List<Operation> lastKnown() {
        return lastKnown;
    }
}
