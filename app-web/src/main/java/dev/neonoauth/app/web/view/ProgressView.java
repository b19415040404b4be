package dev.neonoauth.app.web.view;

import java.util.List;

/**
 * Progress of the operations a change started; the page refreshes itself until every operation is terminal.
 *
 * @param target where the change can be seen (the project or the new branch)
 */
public record ProgressView(String projectId, String heading, List<OperationRow> operations, boolean done, boolean failed,
        String target) {
    public ProgressView {
        operations = List.copyOf(operations);
    }
}
