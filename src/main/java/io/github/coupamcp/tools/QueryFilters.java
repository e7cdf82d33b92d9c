package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code filters} of {@code coupa_query}: Coupa's own syntax, {@code attribute=value},
 * {@code attribute[op]=value} or {@code association[attribute][op]=value}, each checked before anything is sent —
 * the attribute against what Coupa documents for the resource (Coupa ignores an unknown one and would answer every
 * record), the operator against Coupa's. The value is data: it travels URL-encoded as one parameter value.
 */
final class QueryFilters {
    static final String ARGUMENT = "filters";
    private static final Pattern FILTER = Pattern.compile("([A-Za-z0-9_-]+)((?:\\[[A-Za-z0-9_-]+\\]){0,2})=(.*)",
            Pattern.DOTALL);
    private static final Pattern SEGMENT = Pattern.compile("\\[([A-Za-z0-9_-]+)\\]");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    /** An attribute name in a vocabulary message: quoted, or listed after "closest: ". */
    private static final Pattern QUOTED_OR_LISTED = Pattern.compile("(?<='|closest: |, )[a-z0-9_-]+(\\.[a-z0-9_-]+)?(?=['),])");
    /** Operator names as Coupa spells them in brackets; equality has none. */
    static final Map<String, Op> OPERATORS = new LinkedHashMap<>();

    static {
        Arrays.stream(Op.values()).filter(op -> op.token() != null).forEach(op -> OPERATORS.put(op.token(), op));
    }

    /** One parsed filter: {@code attribute} in Coupa's bracket form, e.g. {@code supplier[name]}. */
    record Condition(String attribute, Op op, List<String> values) {}

    private QueryFilters() {}

    /** The filters of validated arguments, checked against the resource; every problem at once. */
    static List<Condition> parse(CoupaBinding binding, ObjectNode arguments) {
        List<Condition> conditions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode item : arguments.path(ARGUMENT)) {
            Condition c = parseOne(binding, item.asString(), problems);
            if (c != null) {
                conditions.add(c);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidArgumentsException(problems);
        }
        return conditions;
    }

    /** The query with the arguments' filters (what the listing sends before its keyset position). */
    static CoupaQuery.Builder query(CoupaBinding binding, ObjectNode arguments) {
        CoupaQuery.Builder query = CoupaQuery.builder();
        for (Condition c : parse(binding, arguments)) {
            if (c.values().size() > 1) {
                query.filter(c.attribute(), c.op(), c.values());
            } else {
                query.filter(c.attribute(), c.op(), c.values().get(0));
            }
        }
        return query;
    }

    private static Condition parseOne(CoupaBinding binding, String filter, List<String> problems) {
        String quoted = ProblemText.quote(filter);
        Matcher m = FILTER.matcher(filter);
        if (!m.matches()) {
            problems.add(ARGUMENT + ": " + quoted + " is not attribute=value, attribute[op]=value or "
                    + "association[attribute][op]=value");
            return null;
        }
        List<String> path = new ArrayList<>();
        path.add(m.group(1));
        Matcher segment = SEGMENT.matcher(m.group(2));
        while (segment.find()) {
            path.add(segment.group(1));
        }
        Op op = Op.EQ;
        String last = path.get(path.size() - 1).toLowerCase(Locale.ROOT);
        FieldVocabulary vocabulary = FieldVocabulary.filterable(binding);
        if (path.size() > 1 && OPERATORS.containsKey(last)) {
            op = OPERATORS.get(last);
            path.remove(path.size() - 1);
        } else if (path.size() == 3 || path.size() == 2 && !vocabulary.isAssociation(dashed(path.get(0)))
                && vocabulary.isField(dashed(path.get(0)))) {
            problems.add(ARGUMENT + ": " + quoted + " has an unknown operator '" + last + "' (known: "
                    + String.join(", ", OPERATORS.keySet()) + "; none for equals)");
            return null;
        }
        List<String> names = path.stream().map(QueryFilters::dashed).toList();
        List<String> unknown = vocabulary.problems(ARGUMENT, List.of(String.join(".", names)));
        if (!unknown.isEmpty()) {
            unknown.forEach(p -> problems.add(coupaSpelling(p)));
            return null;
        }
        String attribute = names.size() == 1 ? names.get(0) : names.get(0) + "[" + names.get(1) + "]";
        if (names.size() == 1 && vocabulary.isAssociation(attribute)) {
            problems.add(ARGUMENT + ": " + quoted + " names a whole association: name one of its attributes, e.g. "
                    + attribute + "[id]=... or " + attribute + "[name]=...");
            return null;
        }
        if (attribute.equals("id") && op != Op.EQ && op != Op.IN && op != Op.NOT_EQ && op != Op.NOT_IN) {
            problems.add(ARGUMENT + ": " + quoted + ": ranges of id are how the listing pages; filter by another "
                    + "attribute, or continue with cursor");
            return null;
        }
        String value = m.group(3).strip();
        if (CONTROL.matcher(value).find()) {
            problems.add(ARGUMENT + ": " + quoted + " has control characters in its value");
            return null;
        }
        if (value.isEmpty()) {
            problems.add(ARGUMENT + ": " + quoted + " has no value (records without one: " + attribute
                    + "[blank]=true)");
            return null;
        }
        List<String> values = op == Op.IN || op == Op.NOT_IN
                ? Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList()
                : List.of(value);
        if (values.isEmpty()) {
            problems.add(ARGUMENT + ": " + quoted + " lists no value: give them comma-separated, e.g. "
                    + attribute + "[" + op.token() + "]=a,b");
            return null;
        }
        if (op == Op.BLANK && !value.equals("true") && !value.equals("false")) {
            problems.add(ARGUMENT + ": " + quoted + ": blank takes true (no value) or false (has one)");
            return null;
        }
        return new Condition(attribute, op, values);
    }

    /**
     * The vocabulary names fields as agents write them ({@code payment_term.code}); a filter names them as Coupa
     * does ({@code payment-term[code]}), and so do its messages.
     */
    private static String coupaSpelling(String problem) {
        Matcher names = QUOTED_OR_LISTED.matcher(problem);
        StringBuilder out = new StringBuilder();
        while (names.find()) {
            String name = names.group().replace('_', '-');
            int dot = name.indexOf('.');
            names.appendReplacement(out, Matcher.quoteReplacement(dot < 0 ? name
                    : name.substring(0, dot) + "[" + name.substring(dot + 1) + "]"));
        }
        return names.appendTail(out).toString();
    }

    private static String dashed(String name) {
        return name.replace('_', '-').toLowerCase(Locale.ROOT);
    }
}
