package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The vendored API description is the file its provenance (neon-api/SOURCE.md) names, byte for byte. */
class OpenApiChecksumTest {

    @Test
    void vendoredDescriptionMatchesItsRecordedSha256() throws Exception {
        Path spec = Path.of(OpenApiChecksumTest.class.getResource("/neon-api/neon-api-v2.yaml").toURI());
        Path recorded = spec.resolveSibling("neon-api-v2.yaml.sha256");
        String expected = Files.readString(recorded, StandardCharsets.US_ASCII).strip().split("\\s+")[0];

        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(spec)));

        assertThat(actual).isEqualTo(expected).isEqualTo("dacf72ea2d63110b3694c705313e0b2104e9652ae1be3fc01ceebe7b17059c44");
        assertThat(Files.readString(spec.resolveSibling("SOURCE.md"))).contains("@neondatabase/api-client@2.7.3")
                .contains("neon-api-v2.yaml.sha256");
    }
}
