package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * Neon's official API description (vendored as test data: src/test/resources/neon-api/, with its provenance in
 * SOURCE.md and its checksum checked by {@link OpenApiChecksumTest}) as a validator for the requests the adapter sends and the fixtures it parses. Its server URL is
 * {@code https://console.neon.tech/api/v2}, so request paths are validated with their {@code /api/v2} prefix, which
 * is how the tests configure the adapter's base URL.
 */
final class OpenApiContract {
    /** Override with {@code -Dneon.api.spec=/path/to/neon-api-v2.yaml}. */
    static final String SPEC_PROPERTY = "neon.api.spec";
    private static volatile OpenApiInteractionValidator validator;

    private OpenApiContract() {}

    /** The vendored description, or the file named by {@code -Dneon.api.spec=...} (to try a newer one). */
    static Path specPath() {
        String override = System.getProperty(SPEC_PROPERTY);
        Path path;
        try {
            path = override != null ? Path.of(override)
                    : Path.of(OpenApiContract.class.getResource("/neon-api/neon-api-v2.yaml").toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("Neon's API description is missing from the test resources (neon-api/)", e);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("Neon's API description is missing: expected " + path.toAbsolutePath().normalize());
        }
        return path.toAbsolutePath().normalize();
    }

    static OpenApiInteractionValidator validator() {
        OpenApiInteractionValidator v = validator;
        if (v == null) {
            synchronized (OpenApiContract.class) {
                v = validator;
                if (v == null) {
                    // the validator treats undeclared properties as errors (stricter than the description, which catches
                    // misspelt fields); resolving allOf combinators makes that check see the merged schema
                    v = OpenApiInteractionValidator.createForSpecificationUrl(specPath().toUri().toString())
                            .withResolveCombinators(true)
                            .build();
                    validator = v;
                }
            }
        }
        return v;
    }

    /** The recorded request as the validator sees it: method, path, query, headers and body. */
    static SimpleRequest toValidatorRequest(RecordedRequest recorded) {
        HttpUrl url = recorded.getUrl();
        SimpleRequest.Builder builder = new SimpleRequest.Builder(recorded.getMethod(), url.encodedPath());
        for (String name : url.queryParameterNames()) {
            builder.withQueryParam(name, url.queryParameterValues(name));
        }
        for (String name : recorded.getHeaders().names()) {
            builder.withHeader(name, recorded.getHeaders().values(name));
        }
        if (recorded.getBody() != null && recorded.getBody().size() > 0) {
            builder.withBody(recorded.getBody().string(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    static ValidationReport validate(RecordedRequest recorded) {
        return validator().validateRequest(toValidatorRequest(recorded));
    }

    static ValidationReport validate(SimpleRequest request) {
        return validator().validateRequest(request);
    }

    /** Fails the test when the description would reject the request. */
    static void assertConforms(RecordedRequest recorded) {
        ValidationReport report = validate(recorded);
        assertThat(report.hasErrors())
                .as("%s %s conforms to neon-api-v2.yaml: %s", recorded.getMethod(), recorded.getTarget(), report.getMessages())
                .isFalse();
    }

    static ValidationReport validateResponse(Request.Method method, String path, int status, String json) {
        return validator().validateResponse(path, method,
                SimpleResponse.Builder.status(status).withContentType("application/json").withBody(json).build());
    }
}
