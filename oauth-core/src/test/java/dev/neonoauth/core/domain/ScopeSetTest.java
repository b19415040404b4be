package dev.neonoauth.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScopeSetTest {

    @Test
    void parseWhenNeonScopesThenKeepsOrderAndRendersSpaceDelimited() {
        String wire = "openid offline offline_access urn:neoncloud:projects:create urn:neoncloud:projects:read";
        ScopeSet scopes = ScopeSet.parse(wire);
        assertThat(scopes.render()).isEqualTo(wire);
        assertThat(scopes).containsExactly(Scope.OPENID, Scope.OFFLINE, Scope.OFFLINE_ACCESS, Scope.PROJECTS_CREATE,
                Scope.PROJECTS_READ);
    }

    @Test
    void parseWhenUnknownScopeThenPreserved() {
        assertThat(ScopeSet.parse("urn:neoncloud:future:thing openid").contains(Scope.of("urn:neoncloud:future:thing")))
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
        ScopeSet granted = ScopeSet.of(Scope.PROJECTS_READ, Scope.OFFLINE);
        ScopeSet wanted = ScopeSet.of(Scope.PROJECTS_CREATE, Scope.PROJECTS_READ);

        assertThat(granted.union(wanted).render())
                .isEqualTo("urn:neoncloud:projects:read offline urn:neoncloud:projects:create");
        assertThat(wanted.minus(granted)).containsExactly(Scope.PROJECTS_CREATE);
        assertThat(granted.containsAll(ScopeSet.of(Scope.OFFLINE))).isTrue();
    }

    @Test
    void neonDefaultHasTheTwelveScopesOfNeonsCli() {
        assertThat(ScopeSet.NEON_DEFAULT.size()).isEqualTo(12);
        assertThat(ScopeSet.NEON_DEFAULT.contains(Scope.OFFLINE)).isTrue();
        assertThat(ScopeSet.NEON_DEFAULT.contains(Scope.OFFLINE_ACCESS)).isTrue();
        assertThat(ScopeSet.NEON_DEFAULT.contains(Scope.PROJECTS_PERMISSION)).isFalse();
    }

    @Test
    void equalityIsBySetContent() {
        assertThat(ScopeSet.parse("openid offline")).isEqualTo(ScopeSet.of(Scope.OPENID, Scope.OFFLINE));
        assertThat(ScopeSet.parse("openid offline").hashCode()).isEqualTo(ScopeSet.of(Scope.OPENID, Scope.OFFLINE).hashCode());
    }
}
