package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.scan.Fold;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Folds records into candidates for duplicates: one small {@link Sighting} (id, day, number) per record under the key
 * party + currency + amount, the party and currency strings shared. Memory is one key and one sighting per scanned
 * record (about 150 bytes: 100,000 invoices take about 15 MB; FindDuplicatesBenchmark measures it), bounded by the
 * scan's request budget; nothing else of a record is kept. After the scan, {@link #prune}
 * drops every key seen once, which can never pair, so a cached answer keeps only real candidates.
 */
final class DuplicateFold implements Fold<DuplicateFold.Candidates> {
    /** One record as far as duplicates go: which, when (epoch day), and its number. */
    record Sighting(long id, int day, String number) {}

    /** The key's parts, and its sightings: a single one inline (most keys), a list from the second on. */
    static final class Candidates {
        final Map<Key, Object> byKey = new HashMap<>();
        final Map<String, String> partyNames = new HashMap<>();
        /** One instance per party id and currency code: most keys repeat them, so each is kept once. */
        private final Map<String, String> canonical = new HashMap<>();
        /** Records without a party, currency, date or non-zero amount: never compared. */
        long skipped;

        @SuppressWarnings("unchecked")
        void add(Key key, Sighting s) {
            Object seen = byKey.get(key);
            if (seen == null) {
                byKey.put(key, s);
            } else if (seen instanceof Sighting first) {
                List<Sighting> list = new ArrayList<>(2);
                list.add(first);
                list.add(s);
                byKey.put(key, list);
            } else {
                ((List<Sighting>) seen).add(s);
            }
        }

        String canonical(String text) {
            return canonical.computeIfAbsent(text, t -> t);
        }

        @SuppressWarnings("unchecked")
        static List<Sighting> sightings(Object value) {
            return value instanceof Sighting s ? List.of(s) : (List<Sighting>) value;
        }
    }

    /** What duplicates share; the amount without trailing zeros, so 120.0 and 120.00 are one key. */
    record Key(String party, String currency, BigDecimal amount) {}

    private final DuplicatesBlock.Match match;

    DuplicateFold(DuplicatesBlock.Match match) {
        this.match = match;
    }

    @Override
    public Candidates newAccumulator() {
        return new Candidates();
    }

    @Override
    public void accept(Candidates candidates, ObjectNode record) {
        String party = text(record, match.party());
        String currency = text(record, match.currency());
        BigDecimal amount = amount(text(record, match.amount()));
        Integer day = day(text(record, match.date()));
        if (party == null || currency == null || amount == null || amount.signum() == 0 || day == null) {
            candidates.skipped++;
            return;
        }
        String name = text(record, match.partyName());
        if (name != null) {
            candidates.partyNames.putIfAbsent(party, name);
        }
        candidates.add(new Key(candidates.canonical(party), candidates.canonical(currency),
                amount.stripTrailingZeros()),
                new Sighting(record.get("id").asLong(), day, text(record, match.number())));
    }

    @Override
    public Candidates merge(Candidates left, Candidates right) {
        right.byKey.forEach((key, value) -> {
            Key mine = new Key(left.canonical(key.party()), left.canonical(key.currency()), key.amount());
            Candidates.sightings(value).forEach(s -> left.add(mine, s));
        });
        right.partyNames.forEach(left.partyNames::putIfAbsent);
        left.skipped += right.skipped;
        return left;
    }

    /**
     * The candidates without the keys seen once (and the names of parties without a candidate), in maps sized for
     * what is left: what a cached answer keeps.
     */
    static Candidates prune(Candidates candidates) {
        Candidates pruned = new Candidates();
        candidates.byKey.forEach((key, value) -> {
            if (!(value instanceof Sighting)) {
                pruned.byKey.put(key, value);
                String name = candidates.partyNames.get(key.party());
                if (name != null) {
                    pruned.partyNames.put(key.party(), name);
                }
            }
        });
        pruned.skipped = candidates.skipped;
        return pruned;
    }

    private static String text(JsonNode record, String path) {
        JsonNode node = SummaryFold.at(record, path);
        if (node == null || node.isContainer()) {
            return null;
        }
        String text = node.asString();
        return text.isBlank() ? null : text;
    }

    private static BigDecimal amount(String text) {
        try {
            return text == null ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The calendar day a date or date-time names (its first ten characters), as Coupa wrote it. */
    private static Integer day(String text) {
        if (text == null || text.length() < 10) {
            return null;
        }
        try {
            return (int) LocalDate.parse(text.substring(0, 10)).toEpochDay();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
