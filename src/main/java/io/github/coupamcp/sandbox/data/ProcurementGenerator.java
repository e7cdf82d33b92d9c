package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Account;
import io.github.coupamcp.sandbox.data.Model.Approval;
import io.github.coupamcp.sandbox.data.Model.CatalogItem;
import io.github.coupamcp.sandbox.data.Model.Contract;
import io.github.coupamcp.sandbox.data.Model.Order;
import io.github.coupamcp.sandbox.data.Model.OrderLine;
import io.github.coupamcp.sandbox.data.Model.Receipt;
import io.github.coupamcp.sandbox.data.Model.Requisition;
import io.github.coupamcp.sandbox.data.Model.RequisitionLine;
import io.github.coupamcp.sandbox.data.Model.Supplier;
import io.github.coupamcp.sandbox.data.Model.User;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * Contracts, requisitions that become purchase orders, standalone purchase orders, and receipts for goods
 * lines; requisition statuses follow what was received.
 */
final class ProcurementGenerator extends GeneratorPart {
    private static final int[] ORDER_WEIGHTS = {3, 5, 15, 1, 3, 1, 1, 60, 2, 1, 3};
    private final ApprovalChainGenerator approvals;

    ProcurementGenerator(World world, Scale scale, SplittableRandom rnd, State state,
            ApprovalChainGenerator approvals) {
        super(world, scale, rnd, state);
        this.approvals = approvals;
    }

    void contracts() {
        for (int i = 0; i < scale.contracts; i++) {
            long id = w.contractSeq.incrementAndGet();
            int supplier = activeSupplier();
            Supplier s = w.supplier(supplier);
            int start = ANCHOR_DAY - 30 - pick(HISTORY_DAYS + 300);
            int end = start + 365 * (1 + pick(3));
            String status = end < ANCHOR_DAY ? "expired" : pick(new String[] {"published", "published",
                "published", "draft", "pending_approval", "inactive"});
            String kind = pick(new String[] {"Master Services Agreement", "Supply Agreement",
                "Software License Agreement", "Statement of Work", "Framework Agreement"});
            long created = seconds(start - 20 - pick(30));
            w.contracts.put(id, new Contract(id, s.name() + " " + kind, "CTR-" + (1000 + id), supplier,
                    s.currency(), status, start, end, (5 + pick(200)) * 1_000_000L,
                    state.approvers[pick(state.approvers.length)],
                    s.paymentTerm(), pick(new String[] {"fixed", "auto_renew", "perpetual"}), created,
                    later(created, 60), null));
        }
    }

    void requisitionsAndOrders() {
        int n = scale.requisitions;
        for (int i = 0; i < n; i++) {
            int f = forced(i, n, Generator.REQUISITION_STATUSES.length);
            String status = f >= 0 ? Generator.REQUISITION_STATUSES[f] : requisitionStatus();
            requisition(status);
        }
    }

    private String requisitionStatus() {
        int r = pick(100);
        return r < 10 ? "draft" : r < 13 ? "cart" : r < 15 ? "pending_buyer_action" : r < 28 ? "pending_approval"
                : r < 33 ? "approved" : r < 73 ? "ordered" : r < 83 ? "partially_received" : r < 93 ? "received"
                : r < 96 ? "abandoned" : r < 98 ? "backgrounded" : "withdrawn";
    }

    private void requisition(String status) {
        long id = w.requisitionSeq.incrementAndGet();
        int requester = anyUser();
        User u = w.user(requester);
        int supplier = activeSupplier();
        Supplier s = w.supplier(supplier);
        int currency = s.currency();
        int accountType = ref.accountTypeFor(currency);
        int day = pastDay() - 40;
        long created = timeOn(day);
        int needBy = day + 14 + pick(30);
        boolean ordered = status.equals("ordered") || status.endsWith("received");
        int lineCount = 1 + pick(4);
        RequisitionLine[] lines = new RequisitionLine[lineCount];
        OrderLine[] orderLines = ordered ? new OrderLine[lineCount] : null;
        long orderId = ordered ? w.orderSeq.incrementAndGet() : 0;
        for (int k = 0; k < lineCount; k++) {
            CatalogItem item = itemFor(supplier);
            long qty = quantityFor(item);
            long price = priceFor(item);
            Account account = ref.account(accountType, u.department(), item.commodity());
            long reqLineId = w.requisitionLineSeq.incrementAndGet();
            long orderLineId = 0;
            if (ordered) {
                orderLineId = w.orderLineSeq.incrementAndGet();
                orderLines[k] = new OrderLine(orderLineId, orderId, k + 1, item.index(), qty, price, account.id(), 0,
                        0, receiptRequired(item), reqLineId, needBy);
            }
            lines[k] = new RequisitionLine(reqLineId, k + 1, item.index(), qty, price, supplier, account.id(),
                    currency, orderLineId, needBy, null, 0, 0);
        }
        String finalStatus = status;
        if (ordered) {
            String orderStatus = status.equals("received") ? "closed" : "issued";
            receive(orderLines, status);
            Order o = order(orderId, supplier, orderStatus, requester, u.defaultAddress(), id, orderLines,
                    created + 86_400L * (1 + pick(3)));
            finalStatus = requisitionStatusFromReceipts(o);
        }
        long submitted = status.equals("draft") || status.equals("cart") ? 0 : created + 3600;
        long[] approvalIds = approvals.requisitionApprovals(id, finalStatus, requester, created);
        String title = pick(Names.REQ_TITLES);
        Requisition r = new Requisition(id, finalStatus, requester, u.department(), u.defaultAddress(), currency,
                title, "Needed for " + title.toLowerCase(java.util.Locale.ROOT), needBy, submitted, lines,
                approvalIds, created, later(created + 7200, 10), rejection(approvalIds));
        w.requisitions.put(id, r);
    }

    /** A requisition sent back by a rejection carries the approver's note as reject-reason-comment. */
    private Map<String, JsonNode> rejection(long[] approvalIds) {
        if (approvalIds.length == 0) {
            return null;
        }
        Approval last = w.approvals.get(approvalIds[approvalIds.length - 1]);
        return last.status().equals("rejected")
                ? Map.of("reject-reason-comment", StringNode.valueOf(last.note())) : null;
    }

    private String requisitionStatusFromReceipts(Order o) {
        boolean any = false;
        boolean all = true;
        for (OrderLine l : o.lines()) {
            if (!l.receiptRequired()) {
                continue;
            }
            any |= l.receivedMilli() > 0;
            all &= l.receivedMilli() >= l.qtyMilli();
        }
        return !any ? "ordered" : all ? "received" : "partially_received";
    }

    /** Sets received quantities on goods lines according to the requisition's intended status. */
    private void receive(OrderLine[] lines, String intended) {
        for (int k = 0; k < lines.length; k++) {
            OrderLine l = lines[k];
            if (!l.receiptRequired()) {
                continue;
            }
            long received = switch (intended) {
                case "received" -> l.qtyMilli();
                case "partially_received" -> k == 0 ? Math.max(1000, l.qtyMilli() / 2000 * 1000) : l.qtyMilli();
                default -> 0;
            };
            lines[k] = withReceived(l, received);
        }
    }

    private static OrderLine withReceived(OrderLine l, long received) {
        return new OrderLine(l.id(), l.orderId(), l.lineNum(), l.item(), l.qtyMilli(), l.priceCents(), l.account(),
                received, l.invoicedCents(), l.receiptRequired(), l.requisitionLineId(), l.needBy());
    }

    static OrderLine withInvoiced(OrderLine l, long invoiced) {
        return new OrderLine(l.id(), l.orderId(), l.lineNum(), l.item(), l.qtyMilli(), l.priceCents(), l.account(),
                l.receivedMilli(), invoiced, l.receiptRequired(), l.requisitionLineId(), l.needBy());
    }

    private Order order(long id, int supplier, String status, int requester, int shipTo, long requisitionId,
            OrderLine[] lines, long created) {
        Supplier s = w.supplier(supplier);
        int buyer = state.approvers[pick(state.approvers.length)];
        Order o = new Order(id, supplier, s.currency(), status, transmission(status, s.poMethod()), requester, buyer,
                buyer, shipTo, s.paymentTerm(), requisitionId, 1 + (chance(15) ? 1 : 0),
                status.equals("closed") || status.equals("exported") || status.equals("issued") && chance(60), lines,
                created, later(created, 30), null);
        w.orders.put(id, o);
        for (OrderLine l : lines) {
            w.orderLineToOrder.put(l.id(), id);
        }
        receipts(o);
        if (status.equals("issued") || status.equals("closed")) {
            state.invoiceablePos.add(id);
        }
        return o;
    }

    static String transmission(String status, String poMethod) {
        return switch (status) {
            case "draft", "buyer_hold", "currency_hold", "supplier_hold", "supplier_window_hold" -> "created";
            case "error" -> "transmission_failure";
            default -> switch (poMethod) {
                case "cxml" -> "sent_via_cxml";
                case "xml" -> "sent_via_xml";
                case "prompt", "mark_as_sent" -> "sent_manually";
                case "buy_online" -> "purchased_online";
                default -> "sent_via_email";
            };
        };
    }

    /** One receiving transaction per received line (two when it arrived in two shipments). */
    private void receipts(Order o) {
        for (OrderLine l : o.lines()) {
            if (l.receivedMilli() <= 0) {
                continue;
            }
            long first = l.receivedMilli() >= 2000 && chance(30) ? l.receivedMilli() / 2000 * 1000 : l.receivedMilli();
            addReceipt(o, l, first);
            if (first < l.receivedMilli()) {
                addReceipt(o, l, l.receivedMilli() - first);
            }
        }
    }

    private void addReceipt(Order o, OrderLine l, long qty) {
        long id = w.receiptSeq.incrementAndGet();
        int day = (int) (o.createdAt() / 86_400) + 3 + pick(20);
        long at = timeOn(Math.min(day, ANCHOR_DAY));
        w.receipts.put(id, new Receipt(id, o.id(), l.id(), qty, l.priceCents(), o.currency(), l.account(), l.item(),
                (int) (at / 86_400), o.requester(), "created", at, at));
    }

    void standaloneOrders() {
        int target = scale.purchaseOrders;
        int existing = w.orders.size();
        int n = Math.max(0, target - existing);
        for (int i = 0; i < n; i++) {
            int f = forced(i, n, Generator.ORDER_STATUSES.length);
            String status = Generator.ORDER_STATUSES[f >= 0 ? f : weighted(ORDER_WEIGHTS)];
            long id = w.orderSeq.incrementAndGet();
            int supplier = activeSupplier();
            int requester = anyUser();
            User u = w.user(requester);
            int accountType = ref.accountTypeFor(w.supplier(supplier).currency());
            int day = pastDay() - 30;
            int lineCount = 1 + pick(5);
            OrderLine[] lines = new OrderLine[lineCount];
            for (int k = 0; k < lineCount; k++) {
                CatalogItem item = itemFor(supplier);
                Account account = ref.account(accountType, u.department(), item.commodity());
                lines[k] = new OrderLine(w.orderLineSeq.incrementAndGet(), id, k + 1, item.index(),
                        quantityFor(item), priceFor(item), account.id(), 0, 0, receiptRequired(item), 0, day + 21);
            }
            if (status.equals("closed")) {
                receive(lines, "received");
            } else if (status.equals("issued") || status.equals("exported")) {
                receive(lines, pick(new String[] {"received", "partially_received", "ordered"}));
            }
            order(id, supplier, status, requester, u.defaultAddress(), 0, lines, timeOn(day));
        }
    }
}
