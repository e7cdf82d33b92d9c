package io.github.coupamcp.coupa.http;

import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.json.Json;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * Turns a body that should be JSON into a tree, or into a clear {@link CoupaException.UnexpectedResponse}: XML
 * (Coupa's default when Accept is lost on the way), an HTML page (proxy, login or maintenance page), other text,
 * an empty body, or JSON cut off or malformed. Never guesses at a body of the wrong kind.
 */
public final class JsonBodies {
    private JsonBodies() {}

    public static JsonNode parse(String body, String contentType, int status, String method, String path,
            String requestId) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String t = body == null ? "" : body.strip();
        String where = " (HTTP " + status + ", Content-Type " + (ct.isEmpty() ? "none" : ct) + ")";
        if (t.isEmpty()) {
            throw unexpected("Coupa sent an empty body where JSON was expected" + where, status, method, path,
                    requestId);
        }
        if (t.startsWith("<") || ct.contains("html") || ct.contains("xml")) {
            String kind = ct.contains("html") || CoupaErrorBody.looksLikeHtml(t) ? "an HTML page" : "XML";
            throw unexpected("Coupa answered with " + kind + " where JSON was expected" + where
                    + "; the Accept: application/json header may have been dropped by a proxy", status, method,
                    path, requestId);
        }
        if (!ct.isEmpty() && !ct.contains("json") && t.charAt(0) != '{' && t.charAt(0) != '[') {
            throw unexpected("Coupa answered with non-JSON content where JSON was expected" + where, status, method,
                    path, requestId);
        }
        try {
            return Json.MAPPER.readTree(t);
        } catch (JacksonException e) {
            throw unexpected("Coupa sent truncated or malformed JSON" + where + position(e), status, method, path,
                    requestId);
        }
    }

    /**
     * Where parsing stopped, never what was there: Jackson's own message quotes the offending text, which in a token
     * response is the access token itself.
     */
    private static String position(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static CoupaException.UnexpectedResponse unexpected(String message, int status, String method,
            String path, String requestId) {
        return new CoupaException.UnexpectedResponse(message, status, method, path, requestId);
    }
}
