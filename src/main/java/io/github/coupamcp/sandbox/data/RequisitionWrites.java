package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Requisition;
import io.github.coupamcp.sandbox.data.Model.RequisitionLine;
import io.github.coupamcp.sandbox.data.Model.Supplier;
import io.github.coupamcp.sandbox.data.Model.User;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Requisition create, update and submit. Rules:
 * <ul>
 *   <li>create: {@code requested-by} (login/email/employee-number/id) is required; at least one line; each line
 *       needs a description or catalog item, a unit price, a quantity (quantity lines) and a currency; supplier,
 *       account, uom, commodity, department and ship-to address must exist when given. New requisitions are
 *       draft; ship-to and department default from the requester.</li>
 *   <li>update (PUT): only while draft or cart (title, justification, need-by date, buyer note, custom
 *       fields).</li>
 *   <li>{@code update_and_submit_for_approval} and POST {@code submit_for_approval}: draft | cart ->
 *       pending_approval with an approval chain.</li>
 *   <li>Approvals: the last approval approved -> approved; a rejection sends it back to draft with
 *       {@code reject-reason-comment} (R39 has no "rejected" requisition status).</li>
 * </ul>
 */
final class RequisitionWrites {
    static final String KEY = "requisition_header";
    static final Set<String> EDITABLE = Set.of("draft", "cart");
    private static final Map<String, Patches.Kind> UPDATABLE = Map.of("req-title", Patches.Kind.TEXT,
            "justification", Patches.Kind.TEXT, "buyer-note", Patches.Kind.TEXT, "need-by-date", Patches.Kind.DATE);

    private final World world;
    private final NaturalKeys keys;
    private final Set<String> customFields;

    RequisitionWrites(World world, Set<String> customFields) {
        this.world = world;
        this.keys = new NaturalKeys(world);
        this.customFields = customFields;
    }

    Requisition create(ObjectNode body, Errors errors) {
        NaturalKeys.Found requesterRef = keys.user(body.get("requested-by"));
        if (requesterRef.absent()) {
            errors.add("Requested by can't be blank");
        }
        int requester = errors.check(requesterRef, "Requested by: ");
        int shipTo = errors.check(keys.address(body.get("ship-to-address")), "Ship to address: ");
        int department = errors.check(keys.department(body.get("department")), "");
        Integer needBy = null;
        String needByText = Bodies.text(body, "need-by-date");
        if (needByText != null) {
            try {
                needBy = Bodies.day(needByText);
            } catch (DateTimeParseException e) {
                errors.add("Need by date is not a valid date");
            }
        }
        List<LineInput> lines = new ArrayList<>();
        List<int[]> refs = new ArrayList<>();
        JsonNode arr = body.get("requisition-lines");
        if (arr == null || !arr.isArray() || arr.isEmpty()) {
            errors.add("Requisition must have at least one line");
        } else {
            int n = 0;
            for (JsonNode line : arr) {
                n++;
                LineInput in = LineInput.parse(line, n, LineInput.REQUISITION, keys, world.ref, errors);
                int[] r = lineRefs(line, n, errors);
                if (in != null && r != null) {
                    lines.add(in);
                    refs.add(r);
                }
            }
        }
        if (errors.any()) {
            return null;
        }
        User u = world.user(requester);
        long id = world.requisitionSeq.incrementAndGet();
        int day = needBy != null ? needBy : (int) (world.clock.instant().getEpochSecond() / 86_400) + 14;
        RequisitionLine[] reqLines = new RequisitionLine[lines.size()];
        for (int i = 0; i < reqLines.length; i++) {
            LineInput l = lines.get(i);
            int[] r = refs.get(i);
            int currency = r[0];
            int account = l.account() != 0 ? l.account() : u.defaultAccount();
            reqLines[i] = new RequisitionLine(world.requisitionLineSeq.incrementAndGet(), i + 1, l.item(),
                    l.qtyMilli(), l.priceCents(), r[1], account, currency, 0, day, l.description(), l.uom(),
                    l.commodity());
        }
        long now = world.stamp(0);
        String title = Bodies.text(body, "req-title");
        Requisition req = new Requisition(id, "draft", requester, department != 0 ? department : u.department(),
                shipTo != 0 ? shipTo : u.defaultAddress(), reqLines[0].currency(), title,
                Bodies.text(body, "justification"), day, 0, reqLines, new long[0], now, now,
                customFieldPatch(body, errors));
        if (errors.any()) {
            world.requisitionSeq.decrementAndGet();
            return null;
        }
        world.requisitions.put(id, req);
        return req;
    }

    /** Line currency (required) and supplier (optional, must be active or draft): {currency, supplier}. */
    private int[] lineRefs(JsonNode line, int n, Errors errors) {
        if (!line.isObject()) {
            return null;
        }
        String p = "Line " + n + ": ";
        NaturalKeys.Found currencyRef = keys.currency(line.get("currency"));
        if (currencyRef.absent()) {
            errors.add(p + "Currency can't be blank");
        }
        int currency = errors.check(currencyRef, p);
        int supplier = errors.check(keys.supplier(line.get("supplier")), p);
        if (supplier != 0) {
            Supplier s = world.supplier(supplier);
            if (s.status().equals("inactive")) {
                errors.add(p + "Supplier '" + s.name() + "' is inactive");
            }
        }
        return currency == 0 ? null : new int[] {currency, supplier};
    }

    private Map<String, JsonNode> customFieldPatch(ObjectNode body, Errors errors) {
        if (!body.has("custom-fields")) {
            return null;
        }
        ObjectNode only = io.github.coupamcp.json.Json.object();
        only.set("custom-fields", body.get("custom-fields"));
        return Patches.apply(null, only, Map.of(), customFields, errors);
    }

    Requisition update(Requisition r, ObjectNode body, Errors errors) {
        if (!EDITABLE.contains(r.status())) {
            errors.add("Requisition can only be edited while draft (status is " + r.status() + ")");
            return null;
        }
        if (body.has("status")) {
            errors.add("Status can't be changed with an update; submit the requisition for approval instead");
            return null;
        }
        Map<String, JsonNode> patch = Patches.apply(r.patch(), body, UPDATABLE, customFields, errors);
        return errors.any() ? null : copy(r, r.status(), r.approvals(), r.submittedAt(), patch);
    }

    Requisition submit(Requisition r, Errors errors) {
        if (!EDITABLE.contains(r.status())) {
            errors.add("Requisition cannot be submitted for approval when its status is " + r.status());
            return null;
        }
        long now = world.stamp(r.updatedAt());
        long[] chain = Approvals.newChain(world, "RequisitionHeader", r.id(), r.requestedBy(),
                RequisitionRenderer.totalCents(r), now);
        return copy(r, ApprovalFlow.PENDING, Approvals.concat(r.approvals(), chain), now, r.patch());
    }

    /** A rejected requisition returns to its requester as a draft, with the reason. */
    Requisition rejected(Requisition r, String reason) {
        Map<String, JsonNode> patch = r.patch() == null ? new java.util.HashMap<>()
                : new java.util.HashMap<>(r.patch());
        patch.put("reject-reason-comment", StringNode.valueOf(reason == null ? "Rejected" : reason));
        return copy(r, "draft", r.approvals(), r.submittedAt(), Map.copyOf(patch));
    }

    Requisition copy(Requisition r, String status, long[] approvals, long submittedAt, Map<String, JsonNode> patch) {
        Requisition out = new Requisition(r.id(), status, r.requestedBy(), r.department(), r.shipTo(), r.currency(),
                r.title(), r.justification(), r.needBy(), submittedAt, r.lines(), approvals, r.createdAt(),
                world.stamp(r.updatedAt()), patch);
        world.requisitions.put(out.id(), out);
        return out;
    }
}
