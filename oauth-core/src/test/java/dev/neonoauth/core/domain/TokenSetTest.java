package dev.neonoauth.core.domain;

import dev.neonoauth.core.testing.TestScopes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenSetTest {
    private static final Instant ISSUED = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant EXPIRES = ISSUED.plusSeconds(3600);
    private static final RefreshPolicy POLICY = RefreshPolicy.DEFAULT; // refresh 60 s, expiry 5 s before

    private static TokenSet tokens() {
        return TokenSet.builder()
                .accessToken(new AccessToken("ory_at_secret_access"))
                .refreshToken(new RefreshToken("ory_rt_secret_refresh"))
                .expiresAt(EXPIRES)
                .grantedScopes(ScopeSet.of(TestScopes.READ))
                .issuedAt(ISSUED)
                .build();
    }

    @Test
    void freshnessAtTheRefreshMarginBoundaries() {
        TokenSet t = tokens();
        assertThat(t.freshnessAt(EXPIRES.minusSeconds(61), POLICY)).isEqualTo(Freshness.FRESH);
        assertThat(t.freshnessAt(EXPIRES.minusSeconds(60).minusNanos(1), POLICY)).isEqualTo(Freshness.FRESH);
        assertThat(t.freshnessAt(EXPIRES.minusSeconds(60), POLICY)).isEqualTo(Freshness.STALE);
        assertThat(t.freshnessAt(EXPIRES.minusSeconds(6), POLICY)).isEqualTo(Freshness.STALE);
        assertThat(t.freshnessAt(EXPIRES.minusSeconds(5).minusNanos(1), POLICY)).isEqualTo(Freshness.STALE);
        assertThat(t.freshnessAt(EXPIRES.minusSeconds(5), POLICY)).isEqualTo(Freshness.EXPIRED);
        assertThat(t.freshnessAt(EXPIRES, POLICY)).isEqualTo(Freshness.EXPIRED);
        assertThat(t.freshnessAt(EXPIRES.plusSeconds(3600), POLICY)).isEqualTo(Freshness.EXPIRED);
    }

    @Test
    void freshnessWhenExpiryUnknownThenFresh() {
        TokenSet t = TokenSet.builder().accessToken(new AccessToken("a")).grantedScopes(ScopeSet.empty())
                .issuedAt(ISSUED).build();
        assertThat(t.freshnessAt(ISSUED.plus(Duration.ofDays(400)), POLICY)).isEqualTo(Freshness.FRESH);
    }

    @Test
    void refreshedWithWhenNoNewRefreshTokenThenKeepsTheOld() {
        TokenSet issued = TokenSet.builder().accessToken(new AccessToken("ory_at_new")).grantedScopes(ScopeSet.empty())
                .issuedAt(ISSUED.plusSeconds(10)).expiresAt(ISSUED.plusSeconds(3610)).build();

        TokenSet refreshed = tokens().refreshedWith(issued);

        assertThat(refreshed.accessToken().value()).isEqualTo("ory_at_new");
        assertThat(refreshed.refreshToken()).contains(new RefreshToken("ory_rt_secret_refresh"));
        assertThat(refreshed.grantedScopes()).isEqualTo(ScopeSet.of(TestScopes.READ));
    }

    @Test
    void refreshedWithWhenNewRefreshTokenThenReplacesTheOld() {
        TokenSet issued = TokenSet.builder().accessToken(new AccessToken("ory_at_new"))
                .refreshToken(new RefreshToken("ory_rt_new")).grantedScopes(ScopeSet.of(Scope.OPENID))
                .issuedAt(ISSUED.plusSeconds(10)).build();

        TokenSet refreshed = tokens().refreshedWith(issued);

        assertThat(refreshed.refreshToken()).contains(new RefreshToken("ory_rt_new"));
        assertThat(refreshed.grantedScopes()).isEqualTo(ScopeSet.of(Scope.OPENID));
    }

    @Test
    void toStringRedactsEverySecret() {
        String text = tokens().toString();
        assertThat(text).doesNotContain("ory_at_secret_access", "ory_rt_secret_refresh").contains("[redacted]");
        assertThat(new AccessToken("ory_at_x").toString()).doesNotContain("ory_at_x");
        assertThat(new RefreshToken("ory_rt_x").toString()).doesNotContain("ory_rt_x");
        assertThat(new AuthorizationCode("ory_ac_x").toString()).doesNotContain("ory_ac_x");
        assertThat(new ClientSecret("s3cr3t").toString()).doesNotContain("s3cr3t");
    }

    @Test
    void expiryBeforeIssueThenRejected() {
        assertThatThrownBy(() -> TokenSet.builder().accessToken(new AccessToken("a")).grantedScopes(ScopeSet.empty())
                .issuedAt(ISSUED).expiresAt(ISSUED.minusSeconds(1)).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RefreshPolicy(Duration.ofSeconds(5), Duration.ofSeconds(6)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
