package io.github.coupamcp.sandbox;

import java.util.Locale;

/** Coupa answers JSON only when the client asks for it (Accept); XML is the default. */
enum Format {
    JSON, XML;

    /**
     * JSON when the Accept header names a JSON type with a non-zero quality that no XML type outranks; XML
     * otherwise (no header, {@code * / *}, XML asked for, or JSON refused with {@code q=0}).
     */
    static Format fromAccept(String accept) {
        if (accept == null) {
            return XML;
        }
        double json = 0;
        double xml = 0;
        for (String range : accept.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = range.split(";");
            double q = quality(parts);
            if (parts[0].contains("json")) {
                json = Math.max(json, q);
            } else if (parts[0].contains("xml")) {
                xml = Math.max(xml, q);
            }
        }
        return json > 0 && json >= xml ? JSON : XML;
    }

    /** The range's q parameter; 1 when absent or unreadable (lenient, as servers are). */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            if (param.startsWith("q=")) {
                try {
                    return Double.parseDouble(param.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }
}
