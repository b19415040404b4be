package dev.neonoauth.neon.api;

/**
 * Neon answered 400 "org_id is required": the account belongs to organizations, so the caller must choose one
 * ({@link NeonApi#organizations}) and pass its id.
 */
public class OrganizationRequiredException extends NeonApiException {
    private static final long serialVersionUID = 1L;

    public OrganizationRequiredException(String message, String requestId) {
        super(400, null, message + ": choose an organization (list them with organizations()) and pass its org_id",
                requestId, false, null);
    }
}
