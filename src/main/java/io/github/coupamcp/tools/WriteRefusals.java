package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coupa's validation errors (400 {@code {"errors": {"invoice_header": ["Line 2: Price can't be blank"]}}}) as a
 * message naming the arguments to fix: each Coupa message is matched to the argument whose field it starts with.
 */
final class WriteRefusals {
    private static final Pattern KEYED = Pattern.compile("^[a-z_]+: (.*)$");
    private static final Pattern LINE = Pattern.compile("^Line (\\d+): (.*)$");

    private WriteRefusals() {}

    static String validation(String tool, String doing, WriteBlock block, CoupaException e) {
        List<String> fixes = new ArrayList<>();
        List<String> messages = e.coupaMessages().isEmpty() ? List.of(e.getMessage()) : e.coupaMessages();
        for (String message : messages) {
            fixes.add(fix(block.body(), message));
        }
        String ref = e.requestId() == null ? "" : " (Coupa request id " + e.requestId() + ")";
        return "Coupa refused to " + doing + ": nothing was written" + ref + ". Fix: " + String.join("; ", fixes)
                + ". Then call " + tool + " without confirmation_token to preview the corrected change.";
    }

    /** {@code "lines[1].price: Price can't be blank"}, or Coupa's message alone when no argument matches. */
    static String fix(BodyTemplate body, String message) {
        String m = message;
        Matcher keyed = KEYED.matcher(m);
        if (keyed.matches()) {
            m = keyed.group(1);
        }
        Matcher line = LINE.matcher(m);
        if (line.matches()) {
            String rest = line.group(2);
            String argument = match(body.itemLabels(), rest);
            int index = Integer.parseInt(line.group(1)) - 1;
            return argument == null ? "line " + (index + 1) + ": " + rest
                    : argument.replace("[]", "[" + index + "]") + " — " + rest;
        }
        String argument = match(body.headerLabels(), m);
        return argument == null ? m : argument + " — " + m;
    }

    private static String match(Map<String, String> byLabel, String message) {
        String best = null;
        int length = 0;
        for (Map.Entry<String, String> e : byLabel.entrySet()) {
            String label = e.getKey();
            if (message.startsWith(label + " ") || message.startsWith(label + ":")
                    || message.startsWith(label.toLowerCase() + " ")) {
                if (label.length() > length) {
                    best = e.getValue();
                    length = label.length();
                }
            }
        }
        return best;
    }
}
