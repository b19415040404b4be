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
            Instant fast = parseCommonForm(value);
            if (fast != null) {
                return fast;
            }
            try {
                return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new JsonDataException("not an ISO-8601 timestamp: " + value, e);
            }
        }

        /**
         * The form Neon sends, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, parsed without the general formatter (which
         * cost 14 % of an API call's CPU in the benchmarks). Anything else, including offsets, returns null and takes
         * the general path, so the accepted language is unchanged.
         */
        static Instant parseCommonForm(String v) {
            int n = v.length();
            if (n < 20 || v.charAt(n - 1) != 'Z' || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T'
                    || v.charAt(13) != ':' || v.charAt(16) != ':') {
                return null;
            }
            int year = digits(v, 0, 4);
            int month = digits(v, 5, 7);
            int day = digits(v, 8, 10);
            int hour = digits(v, 11, 13);
            int minute = digits(v, 14, 16);
            int second = digits(v, 17, 19);
            if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                    || second < 0 || second > 59) {
                return null;
            }
            int nanos = 0;
            if (n > 20) {
                int fractionDigits = n - 21;
                if (v.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                    return null;
                }
                int fraction = digits(v, 20, n - 1);
                if (fraction < 0) {
                    return null;
                }
                nanos = fraction;
                for (int i = fractionDigits; i < 9; i++) {
                    nanos *= 10;
                }
            }
            if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
                return null;
            }
            long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, nanos);
        }

        /** The non-negative number written by the ASCII digits in [from, to), or -1 if any is not a digit. */
        private static int digits(String v, int from, int to) {
            int result = 0;
            for (int i = from; i < to; i++) {
                char c = v.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                result = result * 10 + (c - '0');
            }
            return result;
        }

        @ToJson
        String toJson(Instant value) {
            return DateTimeFormatter.ISO_INSTANT.format(value);
        }
    }
}
