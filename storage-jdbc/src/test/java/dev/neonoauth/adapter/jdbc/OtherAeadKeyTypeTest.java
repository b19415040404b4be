package dev.neonoauth.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Keysets} registers only AES-GCM with Tink up front (the rest of Tink's AEAD types cost about 20 ms of every
 * CLI start). A key set the operator gives with another AEAD key type must still work: parsed in a new JVM, where
 * nothing else has registered Tink's other types, a ChaCha20-Poly1305 key set encrypts and decrypts.
 */
class OtherAeadKeyTypeTest {
    /** A ChaCha20-Poly1305 key set made for this test with Tink 1.19 ({@code PredefinedAeadParameters.CHACHA20_POLY1305}). */
    static final String CHACHA20_POLY1305_KEYSET = "{\"primaryKeyId\":3370872966,\"key\":[{\"keyData\":{\"typeUrl\":"
            + "\"type.googleapis.com/google.crypto.tink.ChaCha20Poly1305Key\",\"value\":"
            + "\"EiAW7fQkroo5ffMuWDOMRwpPH/4rYYAu8Vqz67Ze4HaG4A==\",\"keyMaterialType\":\"SYMMETRIC\"},"
            + "\"status\":\"ENABLED\",\"keyId\":3370872966,\"outputPrefixType\":\"TINK\"}]}";

    @Test
    void aKeySetWithAnotherAeadKeyTypeIsParsedAndUsedInAFreshJvm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OtherAeadKeyTypeChild.class.getName(), CHACHA20_POLY1305_KEYSET).redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("ok ChaCha20Poly1305Key");
    }

    @Test
    void theKeySetThisModuleGeneratesIsAesGcm() throws Exception {
        String json = Keysets.serialize(Keysets.generate());
        assertThat(json).contains("google.crypto.tink.AesGcmKey");
        FieldCipher cipher = new FieldCipher(Keysets.parse(json, "generated"));
        assertThat(cipher.decrypt("t", "c", "r", cipher.encrypt("t", "c", "r", "v"))).isEqualTo("v");
    }
}
