package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    final FakeTime time = new FakeTime(Instant.parse("2025-11-23T18:00:00Z"));
    final NeonApiConfig config = NeonApiConfig.builder().backoffBase(Duration.ofSeconds(1)).backoffCap(Duration.ofSeconds(8))
            .maxRetryAfter(Duration.ofSeconds(30)).build();

    @Test
    void backoffDoublesUpToTheCapWithTheSecondHalfRandom() {
        RetryPolicy lowest = new RetryPolicy(config, () -> 0.0, time);
        RetryPolicy highest = new RetryPolicy(config, () -> 0.999_999, time);

        assertThat(lowest.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(highest.backoff(1)).isEqualTo(Duration.ofMillis(999));
        assertThat(lowest.backoff(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(highest.backoff(3)).isEqualTo(Duration.ofMillis(3999));
        assertThat(lowest.backoff(10)).isEqualTo(Duration.ofSeconds(4));
        assertThat(highest.backoff(64)).as("no overflow").isEqualTo(Duration.ofMillis(7999));
    }

    @Test
    void retryAfterIsHonouredInSecondsOrAsADateUpToTheLimit() {
        RetryPolicy policy = new RetryPolicy(config, () -> 0.5, time);

        assertThat(policy.throttledDelay(1, "12")).contains(Duration.ofSeconds(12));
        assertThat(policy.throttledDelay(1, "Sun, 23 Nov 2025 18:00:20 GMT")).contains(Duration.ofSeconds(20));
        assertThat(policy.throttledDelay(1, "Sun, 23 Nov 2025 17:00:00 GMT")).as("in the past").contains(Duration.ZERO);
        assertThat(policy.throttledDelay(1, "31")).as("longer than maxRetryAfter").isEmpty();
        assertThat(policy.throttledDelay(2, "soon")).as("unreadable: backoff").contains(Duration.ofMillis(1500));
        assertThat(policy.throttledDelay(2, null)).contains(Duration.ofMillis(1500));
    }
}
