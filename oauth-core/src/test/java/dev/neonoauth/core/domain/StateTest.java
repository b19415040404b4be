package dev.neonoauth.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StateTest {

    @Test
    void fromEntropyWhenFewerThan128BitsThenRejected() {
        assertThatThrownBy(() -> State.fromEntropy(new byte[15])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16");
    }

    @Test
    void fromEntropyThenUnpaddedBase64Url() {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (0xfb + i);
        }
        State state = State.fromEntropy(bytes);
        assertThat(state.value()).hasSize(43).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void matchesWhenEqualThenTrueElseFalse() {
        State a = new State("abc-123");
        assertThat(a.matches(new State("abc-123"))).isTrue();
        assertThat(a.matches(new State("abc-124"))).isFalse();
        assertThat(a.matches(new State("abc-1234"))).isFalse();
    }

    @Test
    void constructorWhenBlankOrControlCharacterOrTooLongThenRejected() {
        assertThatThrownBy(() -> new State(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new State("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new State("é")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new State("a".repeat(513))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new State(null)).isInstanceOf(NullPointerException.class).hasMessage("state == null");
    }

    @Test
    void toStringNeverShowsTheValue() {
        assertThat(new State("very-secret-state").toString()).doesNotContain("very-secret-state");
    }
}
