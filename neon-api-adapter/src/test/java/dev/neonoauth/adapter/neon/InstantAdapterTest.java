package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonDataException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantAdapterTest {
    private final Json.InstantAdapter adapter = new Json.InstantAdapter();

    @Test
    void theFastPathAgreesWithTheGeneralParserOnNeonsForms() {
        for (String s : List.of("2022-11-23T17:42:25Z", "2024-02-29T00:00:00Z", "1999-12-31T23:59:59.9Z",
                "2026-11-27T10:15:30.123Z", "2026-11-27T10:15:30.123456789Z", "2026-01-01T00:00:00.000001Z")) {
            assertThat(Json.InstantAdapter.parseCommonForm(s)).as(s).isEqualTo(OffsetDateTime.parse(s).toInstant());
            assertThat(adapter.fromJson(s)).isEqualTo(Instant.parse(s));
        }
    }

    @Test
    void randomInstantsRoundTrip() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
            String text = adapter.toJson(instant);
            assertThat(Json.InstantAdapter.parseCommonForm(text)).as(text).isEqualTo(instant);
        }
    }

    @Test
    void otherFormsTakeTheGeneralPathAndInvalidOnesAreRejected() {
        assertThat(Json.InstantAdapter.parseCommonForm("2022-11-23T17:42:25+02:00")).isNull();
        assertThat(adapter.fromJson("2022-11-23T17:42:25+02:00")).isEqualTo(Instant.parse("2022-11-23T15:42:25Z"));
        // Out-of-range fields leave the fast path; the general parser then decides, exactly as before the fast path.
        for (String unusual : List.of("2022-02-30T00:00:00Z", "2022-11-23T24:00:00Z", "2022-11-23T17:42:25.Z")) {
            assertThat(Json.InstantAdapter.parseCommonForm(unusual)).as(unusual).isNull();
        }
        for (String bad : List.of("2022-13-01T00:00:00Z", "2022-11-23 17:42:25Z",
                "2022-11-23T17:42:25.1234567890Z", "x022-11-23T17:42:25Z", "2022-11-23T17:42:25", "")) {
            assertThat(Json.InstantAdapter.parseCommonForm(bad)).as(bad).isNull();
            assertThatThrownBy(() -> adapter.fromJson(bad)).as(bad).isInstanceOf(JsonDataException.class);
        }
    }
}
