package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {
    @Test
    void readsObjectsArraysStringsNumbersAndLiteralsInKeyOrder() {
        Object value = StrictJson.parse(" {\"b\":[1,-2.5e3,true,false,null],\"a\":\"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\","
                + "\"c\":{}, \"d\":[]} ");

        assertThat(value).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        assertThat(object.keySet()).containsExactly("b", "a", "c", "d");
        assertThat(object.get("b")).isEqualTo(List.of(new StrictJson.Number("1"),
                new StrictJson.Number("-2.5e3"), true, false, StrictJson.NULL));
        assertThat(object.get("a")).isEqualTo("x\"\\/\b\f\n\r\t\u00e9");
        assertThat(object.get("c")).isEqualTo(Map.of());
        assertThat(object.get("d")).isEqualTo(List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "{\"a\":1", "{\"a\" 1}", "{a:1}", "{\"a\":1,}", "[1,]", "[1 2]",
        "{\"a\":1,\"a\":2}", "01", "-", "1.", "1e", "+1", ".5", "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12\"",
        "\"\\u-123\"", "\"\\ud83d\"", "\"\ud83d\ude00\"", "\"a\tb\"", "{} {}", "{}x", "'a'", "NaN"})
    void refusesAnythingMalformedOrUnusual(String text) {
        assertThatThrownBy(() -> StrictJson.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesDeepNestingWithoutOverflowingTheStack() {
        assertThat(StrictJson.parse("[".repeat(16) + "]".repeat(16))).isInstanceOf(List.class);
        assertThatThrownBy(() -> StrictJson.parse("[".repeat(18) + "]".repeat(18)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nested too deeply");
        assertThatThrownBy(() -> StrictJson.parse("[".repeat(100_000)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
