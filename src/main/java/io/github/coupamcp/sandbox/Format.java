package io.github.coupamcp.sandbox;

/** Coupa answers JSON only when the client asks for it (Accept); XML is the default. */
enum Format {
    JSON, XML;

    static Format fromAccept(String accept) {
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("json") ? JSON : XML;
    }
}
