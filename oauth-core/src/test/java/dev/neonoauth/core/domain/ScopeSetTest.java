package dev.neonoauth.core.domain;

import dev.neonoauth.core.testing.TestScopes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScopeSetTest {

    @Test
    void parseWhenUrnScopesThenKeepsOrderAndRendersSpaceDelimited() {
        String wire = "openid offline offline_access urn:example:projects:create urn:example:projects:read";
        ScopeSet scopes = ScopeSet.parse(wire);
        assertThat(scopes.render()).isEqualTo(wire);
        assertThat(scopes).containsExactly(Scope.OPENID, TestScopes.OFFLINE, Scope.OFFLINE_ACCESS, TestScopes.CREATE,
                TestScopes.READ);
    }

    @Test
    void parseWhenUnknownScopeThenPreserved() {
        assertThat(ScopeSet.parse("urn:example:future:thing openid").contains(Scope.of("urn:example:future:thing")))
                .isTrue();
    }

    @Test
    void parseWhenDuplicatesOrRunsOfSpacesThenCollapsed() {
        assertThat(ScopeSet.parse("  openid   openid offline ").render()).isEqualTo("openid offline");
        assertThat(ScopeSet.parse("").isEmpty()).isTrue();
    }

    @Test
    void parseWhenInvalidScopeTokenCharacterThenRejected() {
        assertThatThrownBy(() -> ScopeSet.parse("openid\"")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFC 6749 section 3.3");
        assertThatThrownBy(() -> ScopeSet.parse("a\\b")).isInstanceOf(IllegalArgumentException.class);
        // A comma is a legal scope-token character: "openid,offline" is one (unknown) scope, not two.
        assertThat(ScopeSet.parse("openid,offline").size()).isEqualTo(1);
        assertThatThrownBy(() -> ScopeSet.parse("open\tid")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScopeSet.parse("prøjects")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ScopeSet.tryParse("bad\"scope")).isEmpty();
        assertThat(ScopeSet.tryParse(null)).isEmpty();
    }

    @Test
    void unionAndMinusSupportIncrementalAuthorization() {
        ScopeSet granted = ScopeSet.of(TestScopes.READ, TestScopes.OFFLINE);
        ScopeSet wanted = ScopeSet.of(TestScopes.CREATE, TestScopes.READ);

        assertThat(granted.union(wanted).render())
                .isEqualTo("urn:example:projects:read offline urn:example:projects:create");
        assertThat(wanted.minus(granted)).containsExactly(TestScopes.CREATE);
        assertThat(granted.containsAll(ScopeSet.of(TestScopes.OFFLINE))).isTrue();
    }

    @Test
    void equalityIsBySetContent() {
        assertThat(ScopeSet.parse("openid offline")).isEqualTo(ScopeSet.of(Scope.OPENID, TestScopes.OFFLINE));
        assertThat(ScopeSet.parse("openid offline").hashCode()).isEqualTo(ScopeSet.of(Scope.OPENID, TestScopes.OFFLINE).hashCode());
    }
}
