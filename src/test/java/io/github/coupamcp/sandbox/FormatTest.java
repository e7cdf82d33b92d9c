package io.github.coupamcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL | XML",
        "*/* | XML",
        "application/xml | XML",
        "text/xml | XML",
        "application/json | JSON",
        "Application/JSON; charset=utf-8 | JSON",
        "application/json, text/plain, */* | JSON",
        "application/xml, application/json | JSON",
        "application/json;q=0, application/xml | XML",
        "application/json;q=0 | XML",
        "application/xml;q=0.9, application/json;q=0.5 | XML",
        "application/xml;q=0.5, application/json;q=0.9 | JSON",
        "application/json;q=oops | JSON"})
    void jsonOnlyWhenAskedForAndNotOutranked(String accept, Format expected) {
        assertThat(Format.fromAccept(accept)).isEqualTo(expected);
    }
}
