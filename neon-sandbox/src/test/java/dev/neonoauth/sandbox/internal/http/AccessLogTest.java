package dev.neonoauth.sandbox.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessLogTest {

    @Test
    void secretsInQueryStringsAreRedacted() {
        String line = AccessLog.redact("/callback", "code=ory_ac_secret&scope=openid&state=s3cr3t-state&client_id=web"
                + "&login_challenge=abc&code_challenge=xyz&token=ory_at_t");
        assertThat(line).isEqualTo("/callback?code=[redacted]&scope=openid&state=[redacted]&client_id=web"
                + "&login_challenge=[redacted]&code_challenge=[redacted]&token=[redacted]");
        assertThat(line).doesNotContain("ory_ac_secret").doesNotContain("s3cr3t");
        assertThat(AccessLog.redact("/projects", null)).isEqualTo("/projects");
    }
}
