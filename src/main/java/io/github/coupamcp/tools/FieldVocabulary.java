package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The field names an agent may ask for in {@code fields}: what Coupa documents for the tool's resource (its R39
 * Swagger definition, and for dotted names the definition an association refers to) plus the tool's own projections.
 * Coupa silently ignores a name it does not know, so a typo would otherwise look like an empty field; here it is an
 * error naming the closest valid names. Custom fields are instance-specific: any name under {@code custom_fields}
 * passes.
 */
final class FieldVocabulary {
    private static final String RESOURCE = "/coupa/fields-r39.json";
    private static final String CUSTOM_FIELDS = "custom-fields";
    private static final int SUGGESTIONS = 3;
    /** Unknown names reported one by one; more are counted, so a long list of typos stays a short error. */
    private static final int REPORTED = 5;
    /**
     * A field name's shape, checked here rather than as a pattern in every tool's schema: names go into Coupa's
     * {@code fields=[...]} parameter, and custom field names are not in the vocabulary.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)?");
    /**
     * Credentials Coupa documents as record attributes (a supplier's cXML shared secrets, a user's password): never
     * asked for, filtered on (a starts_with filter would read them a character at a time) nor suggested.
     */
    private static final Pattern CREDENTIAL = Pattern.compile(".*(password|secret|token|api-key|private-key|credential).*");
    private static volatile ObjectNode r39;
    /** One vocabulary per tool binding (there are a few dozen), built on its first call with {@code fields}. */
    private static final Map<CoupaBinding, FieldVocabulary> BY_BINDING = new ConcurrentHashMap<>();
    /** What a filter may name: Coupa's documented attributes of the resource only, one vocabulary per binding. */
    private static final Map<CoupaBinding, FieldVocabulary> FILTERABLE = new ConcurrentHashMap<>();

    /** Top-level names (dashed) and, per association, its names; a null set accepts any name. */
    private final Map<String, Set<String>> associations = new LinkedHashMap<>();
    private final Set<String> names = new TreeSet<>();
    private final String entities;

    private FieldVocabulary(String entities) {
        this.entities = entities;
    }

    static FieldVocabulary of(CoupaBinding binding) {
        return BY_BINDING.computeIfAbsent(binding, FieldVocabulary::build);
    }

    /**
     * The attributes filters may name ({@code status}, {@code supplier.name} for {@code supplier[name]}): only what
     * Coupa documents for the resource, since a filter on an unknown attribute is silently ignored by Coupa and would
     * answer every record.
     */
    static FieldVocabulary filterable(CoupaBinding binding) {
        return FILTERABLE.computeIfAbsent(binding, b -> {
            FieldVocabulary v = new FieldVocabulary(b.entities());
            v.addDocumented(b.resource());
            return v;
        });
    }

    private static FieldVocabulary build(CoupaBinding binding) {
        FieldVocabulary v = new FieldVocabulary(binding.entities());
        v.addDocumented(binding.resource());
        v.addProjection(binding.fields());
        v.addProjection(binding.fullFields());
        // output names agents see (total for total-with-taxes, a PO's summed total) are names they will ask for
        binding.compaction().renames().forEach((from, to) -> {
            v.names.add(dashed(from));
            v.names.add(dashed(to));
        });
        binding.compaction().sums().forEach(sum -> v.names.add(dashed(sum.name())));
        v.names.add(CUSTOM_FIELDS);
        v.associations.put(CUSTOM_FIELDS, null);
        return v;
    }

    private void addDocumented(String resource) {
        ObjectNode documented = documented();
        String definition = documented.path("resources").path(resource).asString(null);
        if (definition != null) {
            JsonNode def = documented.path("definitions").path(definition);
            def.path("fields").forEach(f -> addUnlessCredential(names, f.asString()));
            for (Map.Entry<String, JsonNode> ref : def.path("refs").properties()) {
                Set<String> sub = associations.computeIfAbsent(ref.getKey(), k -> new TreeSet<>());
                documented.path("definitions").path(ref.getValue().asString()).path("fields")
                        .forEach(f -> addUnlessCredential(sub, f.asString()));
            }
        }
    }

    private static void addUnlessCredential(Set<String> names, String name) {
        if (!CREDENTIAL.matcher(name).matches()) {
            names.add(name);
        }
    }

    private void addProjection(Fields fields) {
        for (JsonNode item : fields.toJson()) {
            if (item.isString()) {
                names.add(dashed(item.asString()));
            } else if (item instanceof ObjectNode object) {
                for (Map.Entry<String, JsonNode> e : object.properties()) {
                    String name = dashed(e.getKey());
                    names.add(name);
                    if (!e.getValue().isArray()) {
                        continue;
                    }
                    Set<String> sub = associations.computeIfAbsent(name, k -> new TreeSet<>());
                    if (sub != null) {
                        e.getValue().forEach(s -> sub.add(dashed(s.isString() ? s.asString()
                                : s.propertyNames().iterator().next())));
                    }
                }
            }
        }
    }

    /** One problem per requested name that is not a field, each naming the closest valid names. */
    List<String> problems(Iterable<String> requested) {
        return problems("fields", requested);
    }

    /** The same, for names an argument called {@code label} gave (a filter's attributes, in dotted form). */
    List<String> problems(String label, Iterable<String> requested) {
        List<String> problems = new ArrayList<>();
        int more = 0;
        for (String field : requested) {
            boolean wellFormed = NAME.matcher(field).matches();
            if (wellFormed && isKnown(field)) {
                continue;
            }
            if (problems.size() == REPORTED) {
                more++;
                continue;
            }
            if (!wellFormed) {
                problems.add(label + ": " + ProblemText.quote(field) + " is not valid: a name is letters, digits, _ and"
                        + " -, with at most one dot (association.field)");
                continue;
            }
            String[] parts = dashed(field).split("\\.", 2);
            if (parts.length == 1) {
                problems.add(unknown(label, field, "is not a field of " + entities, closest(parts[0], names)));
            } else if (!associations.containsKey(parts[0])) {
                List<String> near = closest(parts[0], associations.keySet()).stream()
                        .map(a -> a + "." + parts[1]).toList();
                problems.add(unknown(label, field, "does not start with an association of " + entities, near));
            } else {
                List<String> near = closest(parts[1], associations.get(parts[0])).stream()
                        .map(sub -> parts[0] + "." + sub).toList();
                problems.add(unknown(label, field, "is not a field of " + snake(parts[0]), near));
            }
        }
        if (more > 0) {
            problems.add(label + ": " + more + " more unknown name" + (more == 1 ? "" : "s"));
        }
        return problems;
    }

    /** A top-level attribute name (dashed). */
    boolean isField(String name) {
        return names.contains(name);
    }

    /** An association whose attributes may be named as {@code association.attribute} (dashed). */
    boolean isAssociation(String name) {
        return associations.containsKey(name);
    }

    private boolean isKnown(String field) {
        String[] parts = dashed(field).split("\\.", 2);
        if (parts.length == 1) {
            return names.contains(parts[0]);
        }
        Set<String> sub = associations.get(parts[0]);
        return associations.containsKey(parts[0]) && (sub == null || sub.contains(parts[1]));
    }

    private static String unknown(String label, String field, String what, List<String> near) {
        return label + ": '" + field + "' " + what + (near.isEmpty() ? ""
                : " (closest: " + String.join(", ", near.stream().map(FieldVocabulary::snake).toList()) + ")");
    }

    /** The nearest names by edit distance; a name containing the request (or contained in it) counts as near. */
    static List<String> closest(String name, Set<String> candidates) {
        record Scored(String candidate, int score) {}
        int reach = Math.max(2, name.length() / 3);
        return candidates.stream()
                .map(c -> new Scored(c, c.contains(name) || name.contains(c)
                        ? Math.min(ClosestNames.levenshtein(name, c), reach) : ClosestNames.levenshtein(name, c)))
                .filter(s -> s.score() <= reach)
                .sorted(Comparator.comparingInt(Scored::score).thenComparing(Scored::candidate))
                .limit(SUGGESTIONS)
                .map(Scored::candidate)
                .toList();
    }

    private static String dashed(String name) {
        return name.replace('_', '-').toLowerCase(Locale.ROOT);
    }

    private static String snake(String name) {
        return name.replace('-', '_');
    }

    private static ObjectNode documented() {
        ObjectNode loaded = r39;
        if (loaded == null) {
            try (InputStream in = FieldVocabulary.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                loaded = (ObjectNode) Json.MAPPER.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            r39 = loaded;
        }
        return loaded;
    }
}
