package io.github.coupamcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.query.BadQueryException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class CoupaXmlTest {

    @ParameterizedTest
    @CsvSource({"invoice-lines,invoice-line", "currencies,currency", "addresses,address", "approvals,approval",
        "taxes,tax", "boxes,box", "status,status", "statuses,status", "business-groups,business-group", "data,data"})
    void collectionItemsAreNamedBySingular(String plural, String singular) {
        assertThat(CoupaXmlWriter.singular(plural)).isEqualTo(singular);
    }

    @Test
    void writesTypedScalarsNilsArraysAndEscapes() {
        ObjectNode record = (ObjectNode) Json.MAPPER.readTree("{\"id\":7,\"total\":\"12.50\",\"rate\":1.5,"
                + "\"paid\":true,\"invoice-date\":\"2024-01-02\",\"created-at\":\"2024-01-02T03:04:05-07:00\","
                + "\"number\":\"00042\",\"note\":\"a<b & \\\"c\\\"\\u0001\",\"comments\":null,"
                + "\"tags\":[\"x\"],\"invoice-lines\":[{\"id\":1}],\"odd key\":1}");
        String xml = new String(CoupaXmlWriter.record("invoice-header", record), StandardCharsets.UTF_8);
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<invoice-header>")
                .contains("<id type=\"integer\">7</id>")
                .contains("<total type=\"decimal\">12.50</total>")
                .contains("<rate type=\"decimal\">1.5</rate>")
                .contains("<paid type=\"boolean\">true</paid>")
                .contains("<invoice-date type=\"date\">2024-01-02</invoice-date>")
                .contains("<created-at type=\"dateTime\">2024-01-02T03:04:05-07:00</created-at>")
                .contains("<number>00042</number>")
                .contains("<note>a&lt;b &amp; &quot;c&quot;</note>")
                .contains("<comments nil=\"true\"/>")
                .contains("<tags type=\"array\">").contains("<tag>x</tag>")
                .contains("<invoice-lines type=\"array\">").contains("<invoice-line>")
                .contains("<odd-key type=\"integer\">1</odd-key>");
    }

    @Test
    void listsAndErrors() {
        String list = new String(CoupaXmlWriter.list("suppliers", "supplier", List.of(Json.object().put("id", 1))),
                StandardCharsets.UTF_8);
        assertThat(list).contains("<suppliers type=\"array\">\n  <supplier>\n    <id type=\"integer\">1</id>");
        String errors = new String(CoupaXmlWriter.errors(List.of("Name can't be blank", "x < y")),
                StandardCharsets.UTF_8);
        assertThat(errors).contains("<errors>\n  <error>Name can't be blank</error>\n  <error>x &lt; y</error>");
    }

    @Test
    void readsBodiesIntoTheJsonShape() {
        ObjectNode body = CoupaXmlReader.read(("<supplier><name>CDW</name><number type=\"integer\">12</number>"
                + "<active type=\"boolean\">true</active><notes nil=\"true\"/><payment_term><code>Net 30</code>"
                + "</payment_term><addresses type=\"array\"><address><city>A</city></address></addresses>"
                + "<remit-to-addresses><remit-to-address><city>B</city></remit-to-address></remit-to-addresses>"
                + "</supplier>").getBytes(StandardCharsets.UTF_8));
        assertThat(body.toString()).isEqualTo("{\"name\":\"CDW\",\"number\":12,\"active\":true,\"notes\":null,"
                + "\"payment-term\":{\"code\":\"Net 30\"},\"addresses\":[{\"city\":\"A\"}],"
                + "\"remit-to-addresses\":[{\"city\":\"B\"}]}");
    }

    @Test
    void refusesMalformedXmlAndDoctypes() {
        assertThatThrownBy(() -> CoupaXmlReader.read("<a><b></a>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadQueryException.class);
        assertThatThrownBy(() -> CoupaXmlReader.read(("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>")
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(BadQueryException.class);
    }
}
