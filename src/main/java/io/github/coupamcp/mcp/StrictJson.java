package io.github.coupamcp.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader for the messages read before Jackson is loaded (see {@link RenderedAnswers}):
 * loading Jackson's mapper alone takes a fifth of a second of a cold JVM. Anything unusual (duplicate keys, deep
 * nesting, lone surrogates, text after the value) is refused rather than read in some way Jackson might not: the
 * message then takes the ordinary path, so a refusal here never changes an answer.
 */
final class StrictJson {
    /** A JSON number, kept as written. */
    record Number(String text) {}

    /** JSON null (a Java null would be ambiguous in maps). */
    static final Object NULL = new Object();

    private static final int MAX_DEPTH = 16;

    private final String text;
    private int at;

    private StrictJson(String text) {
        this.text = text;
    }

    /** Objects as maps in key order, arrays as lists, strings, {@link Number}, booleans and {@link #NULL}. */
    static Object parse(String text) {
        StrictJson reader = new StrictJson(text);
        Object value = reader.value(0);
        reader.skipSpace();
        if (reader.at != text.length()) {
            throw reader.refuse("text after the value");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw refuse("nested too deeply");
        }
        skipSpace();
        if (at >= text.length()) {
            throw refuse("end of text");
        }
        char c = text.charAt(at);
        if (c == '{') {
            return object(depth);
        }
        if (c == '[') {
            return array(depth);
        }
        if (c == '"') {
            return string();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        if (text.startsWith("true", at)) {
            at += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("false", at)) {
            at += 5;
            return Boolean.FALSE;
        }
        if (text.startsWith("null", at)) {
            at += 4;
            return NULL;
        }
        throw refuse("unexpected character");
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> members = new LinkedHashMap<>();
        at++;
        skipSpace();
        if (peek() == '}') {
            at++;
            return members;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw refuse("expected a key");
            }
            String key = string();
            skipSpace();
            expect(':');
            if (members.put(key, value(depth + 1)) != null) {
                throw refuse("duplicate key");
            }
            skipSpace();
            if (peek() == ',') {
                at++;
            } else {
                expect('}');
                return members;
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> items = new ArrayList<>();
        at++;
        skipSpace();
        if (peek() == ']') {
            at++;
            return items;
        }
        while (true) {
            items.add(value(depth + 1));
            skipSpace();
            if (peek() == ',') {
                at++;
            } else {
                expect(']');
                return items;
            }
        }
    }

    private String string() {
        StringBuilder sb = new StringBuilder();
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20 || Character.isSurrogate(c)) {
                throw refuse("control character or surrogate in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char escape = at < text.length() ? text.charAt(at++) : 0;
            switch (escape) {
                case '"', '\\', '/' -> sb.append(escape);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length() || !isHex(text, at, at + 4)) {
                        throw refuse("bad \\u escape");
                    }
                    char unicode = (char) Integer.parseInt(text.substring(at, at + 4), 16);
                    if (Character.isSurrogate(unicode)) {
                        throw refuse("escaped surrogate");
                    }
                    sb.append(unicode);
                    at += 4;
                }
                default -> throw refuse("unknown escape");
            }
        }
        throw refuse("unterminated string");
    }

    private Number number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
        } else {
            digits();
        }
        if (peek() == '.') {
            at++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            digits();
        }
        return new Number(text.substring(start, at));
    }

    private void digits() {
        int start = at;
        while (peek() >= '0' && peek() <= '9') {
            at++;
        }
        if (at == start) {
            throw refuse("expected a digit");
        }
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    private void skipSpace() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : 0;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw refuse("expected '" + c + "'");
        }
        at++;
    }

    private IllegalArgumentException refuse(String why) {
        return new IllegalArgumentException(why + " at " + at);
    }
}
