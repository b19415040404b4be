package dev.neonoauth.examples.reuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parseObjectWhenDocumentIsNestedThenKeepsEveryValue() {
        Map<String, Object> json = Json.parseObject(" {\"s\":\"a\\\"b\\\\c\\/d\\u00e9\\n\",\"n\":-12.5e1,\"t\":true,"
                + "\"f\":false,\"z\":null,\"a\":[1,\"x\",[]],\"o\":{\"k\":{}}} ");

        assertThat(json.get("s")).isEqualTo("a\"b\\c/d\u00e9\n");
        assertThat(json.get("n")).isEqualTo(new BigDecimal("-12.5e1"));
        assertThat(json).containsEntry("t", true).containsEntry("f", false).containsEntry("z", null);
        assertThat(json.get("a")).isEqualTo(List.of(new BigDecimal("1"), "x", List.of()));
        assertThat(json.get("o")).isEqualTo(Map.of("k", Map.of()));
        assertThat(Json.strings(json, "a")).isEmpty();
        assertThat(Json.string(json, "n")).isEmpty();
    }

    @Test
    void parseObjectWhenInputIsNotOneValidObjectThenRejectsWithoutQuotingIt() {
        for (String bad : List.of("", "[]", "{", "{\"a\":}", "{\"a\":1,}", "{\"a\":01}", "{\"a\":\"x\"} x",
                "{\"a\":tru}", "{\"a\":\"\u0001\"}", "{\"a\":1,\"a\":2}", "{a:1}", "{\"a\":\"\\x\"}")) {
            assertThatThrownBy(() -> Json.parseObject(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("invalid JSON at offset");
        }
        assertThatThrownBy(() -> Json.parseObject("{\"access_token\":\"very-secret\"")).hasMessageNotContaining("very-secret");
    }

    @Test
    void parseObjectWhenNestingIsTooDeepThenRejects() {
        String deep = "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";

        assertThatThrownBy(() -> Json.parseObject(deep)).hasMessageContaining("nested deeper");
    }
}
