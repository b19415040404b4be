package dev.neonoauth.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PkceTest {

    // RFC 7636 Appendix B: the verifier from these 32 octets, and its S256 challenge.
    private static final int[] APPENDIX_B_OCTETS = {116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173,
        187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121};

    @Test
    void challengeWhenRfc7636AppendixBVerifierThenMatchesTheRfc() {
        CodeVerifier verifier = new CodeVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

        CodeChallenge challenge = CodeChallenge.s256(verifier);

        assertThat(challenge.value()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(challenge.method()).isEqualTo(CodeChallengeMethod.S256);
        assertThat(challenge.method().parameterValue()).isEqualTo("S256");
    }

    @Test
    void fromEntropyWhenRfc7636AppendixBOctetsThenGivesTheRfcVerifier() {
        byte[] octets = new byte[APPENDIX_B_OCTETS.length];
        for (int i = 0; i < octets.length; i++) {
            octets[i] = (byte) APPENDIX_B_OCTETS[i];
        }

        assertThat(CodeVerifier.fromEntropy(octets).value()).isEqualTo("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    }

    @Test
    void onlyS256ExistsSoNoCodePathCanFallBackToPlain() {
        assertThat(CodeChallengeMethod.values()).containsExactly(CodeChallengeMethod.S256);
        assertThat(Arrays.stream(CodeChallengeMethod.values()).map(CodeChallengeMethod::parameterValue))
                .doesNotContain("plain");
    }

    @Test
    void verifierWhenTooShortOrTooLongThenRejected() {
        assertThatThrownBy(() -> new CodeVerifier("a".repeat(42))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("43 to 128");
        assertThatThrownBy(() -> new CodeVerifier("a".repeat(129))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new CodeVerifier("a".repeat(43)).value()).hasSize(43);
        assertThat(new CodeVerifier("~".repeat(128)).value()).hasSize(128);
    }

    @Test
    void verifierWhenReservedCharacterThenRejectedWithoutEchoingTheValue() {
        String secretish = "a".repeat(42) + "+";
        assertThatThrownBy(() -> new CodeVerifier(secretish))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 42")
                .hasMessageNotContaining(secretish);
    }

    @Test
    void fromEntropyWhenTooFewBytesThenRejected() {
        assertThatThrownBy(() -> CodeVerifier.fromEntropy(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodeVerifier.fromEntropy(new byte[97])).isInstanceOf(IllegalArgumentException.class);
        assertThat(CodeVerifier.fromEntropy(new byte[96]).value()).hasSize(128);
    }

    @Test
    void toStringNeverShowsTheVerifier() {
        CodeVerifier verifier = new CodeVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assertThat(verifier.toString()).doesNotContain(verifier.value()).contains("redacted");
    }
}
