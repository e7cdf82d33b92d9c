package io.github.coupamcp.sandbox.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects validation messages under Coupa's error key (the singular resource, e.g. {@code invoice_header}). */
final class Errors {
    private final String key;
    private final List<String> messages = new ArrayList<>();

    Errors(String key) {
        this.key = key;
    }

    Errors add(String message) {
        messages.add(message);
        return this;
    }

    /** Adds the message when the lookup failed; returns the id found (0 when absent or failed). */
    int check(NaturalKeys.Found found, String prefix) {
        if (found.error() != null) {
            add(prefix + found.error());
            return 0;
        }
        return found.id();
    }

    int count() {
        return messages.size();
    }

    boolean any() {
        return !messages.isEmpty();
    }

    WriteResult result() {
        return new WriteResult.Invalid(Map.of(key, List.copyOf(messages)));
    }
}
