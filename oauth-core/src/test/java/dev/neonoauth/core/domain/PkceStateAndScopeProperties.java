package dev.neonoauth.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Property tests (jqwik) for PKCE, state and scope parsing. */
class PkceStateAndScopeProperties {

    @Property
    void anyEntropyOf32To96BytesGivesAValidVerifier(@ForAll @Size(min = 32, max = 96) byte[] bytes) {
        CodeVerifier verifier = CodeVerifier.fromEntropy(bytes);
        assertThat(verifier.value().length()).isBetween(43, 128);
        assertThat(verifier.value()).matches("[A-Za-z0-9._~-]+");
    }

    @Property
    void everyChallengeIs43UnpaddedBase64UrlCharacters(@ForAll @Size(min = 32, max = 96) byte[] bytes) {
        String challenge = CodeChallenge.s256(CodeVerifier.fromEntropy(bytes)).value();
        assertThat(challenge).hasSize(43).matches("[A-Za-z0-9_-]+");
    }

    @Property
    void verifierLengthOutside43To128IsRejected(@ForAll("unreservedStrings") String value) {
        if (value.length() < 43 || value.length() > 128) {
            assertThatThrownBy(() -> new CodeVerifier(value)).isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThat(new CodeVerifier(value).value()).isEqualTo(value);
        }
    }

    @Property
    void stateFromEntropyCarriesAtLeast128BitsAndRoundTrips(@ForAll @Size(min = 16, max = 64) byte[] bytes) {
        State state = State.fromEntropy(bytes);
        assertThat(state.value().length()).isGreaterThanOrEqualTo(22);
        assertThat(state.matches(new State(state.value()))).isTrue();
    }

    @Property
    void renderThenParseIsIdentity(@ForAll("scopeLists") List<String> tokens) {
        ScopeSet scopes = ScopeSet.of(tokens.stream().map(Scope::of).collect(Collectors.toList()));
        assertThat(ScopeSet.parse(scopes.render())).isEqualTo(scopes);
        assertThat(ScopeSet.parse(scopes.render()).render()).isEqualTo(scopes.render());
    }

    @Property
    void anyStringEitherParsesToValidTokensOrIsRejected(@ForAll String input) {
        try {
            ScopeSet parsed = ScopeSet.parse(input);
            for (Scope scope : parsed) {
                assertThat(scope.value()).doesNotContain(" ", "\"", "\\").isNotEmpty();
                assertThat(scope.value().chars().allMatch(c -> c >= 0x21 && c <= 0x7e)).isTrue();
            }
        } catch (IllegalArgumentException expected) {
            assertThat(input.chars().anyMatch(c -> c != ' ' && !(c == 0x21 || (c >= 0x23 && c <= 0x5b)
                    || (c >= 0x5d && c <= 0x7e)))).isTrue();
        }
    }

    @Provide
    Arbitrary<String> unreservedStrings() {
        return Arbitraries.strings().withChars("ABCXYZabcxyz0189-._~").ofMinLength(1).ofMaxLength(200);
    }

    @Provide
    Arbitrary<List<String>> scopeLists() {
        Arbitrary<String> token = Arbitraries.strings()
                .withCharRange((char) 0x23, (char) 0x5b).withCharRange((char) 0x5d, (char) 0x7e).withChars('!')
                .ofMinLength(1).ofMaxLength(30);
        return token.list().ofMaxSize(15);
    }
}
