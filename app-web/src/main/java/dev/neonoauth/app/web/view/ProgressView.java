package dev.neonoauth.app.web.view;

import java.util.List;

/** Progress of the operations a change started; the page refreshes itself until every operation is terminal. */
public record ProgressView(String projectId, String heading, List<OperationRow> operations, boolean done, boolean failed) {
    public ProgressView {
        operations = List.copyOf(operations);
    }
}
