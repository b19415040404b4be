package dev.neonoauth.adapter.neon;

import com.squareup.moshi.FromJson;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.ToJson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The one Moshi instance: reflective adapters for the package's records, and ISO-8601 instants. */
final class Json {
    static final Moshi MOSHI = new Moshi.Builder().add(new InstantAdapter()).build();

    private Json() {}

    /** ISO-8601 with an offset ({@code 2022-11-23T17:42:25Z}, {@code ...+00:00}, fractions allowed). */
    static final class InstantAdapter {
        @FromJson
        Instant fromJson(String value) {
            try {
                return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new JsonDataException("not an ISO-8601 timestamp: " + value, e);
            }
        }

        @ToJson
        String toJson(Instant value) {
            return DateTimeFormatter.ISO_INSTANT.format(value);
        }
    }
}
