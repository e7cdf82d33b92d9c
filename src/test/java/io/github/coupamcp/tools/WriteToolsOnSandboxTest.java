package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.FaultRule;
import io.github.coupamcp.sandbox.RequestStats;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.SandboxCollection;
import io.github.coupamcp.testing.Await;
import io.github.coupamcp.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The write tools end to end: the real HTTP client against a fresh in-process sandbox per test (writes change it),
 * checking what the sandbox holds and which writes reached it, not only what the tools answered.
 */
class WriteToolsOnSandboxTest {
    private static final String NEW_INVOICE = "{\"invoice_number\": \"WT-1\", \"invoice_date\": \"2026-06-01\", "
            + "\"supplier_id\": 22, \"currency\": \"USD\", \"lines\": [{\"description\": \"Consulting\", "
            + "\"quantity\": 2, \"price\": 150}]}";

    private final MutableClock clock = new MutableClock();
    private final List<HttpCoupaClient> clients = new ArrayList<>();
    private Sandbox sandbox;
    private ToolRegistry registry;
    private ToolCatalog catalog;

    private static final String READER = "reader-client";
    private static final String READER_SECRET = "reader-secret-0123456789";

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.builder().tokenPropagationDelay(Duration.ZERO)
                .rateLimitEnabled(false).addClient(io.github.coupamcp.sandbox.SandboxClient.withScopes(READER,
                        READER_SECRET, Set.of("core.invoice.read", "core.supplier.read"))).build());
        registry = ToolRegistry.load(ToolSettings.builder().enabledToolsets(Set.of(Toolsets.ALL)).writesEnabled(true)
                .cursorKey(ToolHarness.KEY).clock(clock).build());
        catalog = catalog(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        clients.forEach(HttpCoupaClient::close);
        sandbox.close();
    }

    /** A catalog of this test's registry (one outcome store) over its own client with this read timeout. */
    private ToolCatalog catalog(Duration readTimeout) {
        HttpCoupaClient client = HttpCoupaClient.create(CoupaConfig.builder().instanceUrl(sandbox.baseUrl())
                .clientId(sandbox.clientId()).clientSecret(sandbox.clientSecret()).scopes(registry.requiredScopes())
                .tokenPropagationDelay(Duration.ZERO).readTimeout(readTimeout).build());
        clients.add(client);
        return registry.catalog(client);
    }

    private ToolOutcome call(ToolCatalog on, String tool, String arguments) {
        return on.call(tool, (ObjectNode) Json.MAPPER.readTree(arguments));
    }

    private ToolOutcome call(String tool, String arguments) {
        return call(catalog, tool, arguments);
    }

    private static String withToken(String arguments, ToolOutcome preview) {
        assertThat(preview.isError()).as(preview.text()).isFalse();
        ObjectNode args = (ObjectNode) Json.MAPPER.readTree(arguments);
        args.put("confirmation_token", preview.structured().get("confirmation_token").asString());
        return args.toString();
    }

    private List<ObjectNode> invoicesNumbered(String number) {
        SandboxCollection invoices = sandbox.store().collection("invoices");
        List<ObjectNode> out = new ArrayList<>();
        invoices.ids().forEach(id -> {
            ObjectNode r = invoices.render(id);
            if (number.equals(r.path("invoice-number").asString())) {
                out.add(r);
            }
        });
        return out;
    }

    private String status(String resource, long id) {
        return sandbox.store().collection(resource).render(id).path("status").asString();
    }

    /** Requests that could change something (not GET), to the API, since the sandbox started. */
    private long writesReceived() {
        RequestStats stats = sandbox.control().stats();
        return stats.recent().stream().filter(e -> !e.method().equals("GET") && e.path().startsWith("/api/")).count();
    }

    @Test
    void aPreviewWritesNothingAndTheConfirmedCallWritesExactlyThePreviewOnce() {
        ToolOutcome preview = call("create_invoice", NEW_INVOICE);

        assertThat(preview.isError()).as(preview.text()).isFalse();
        assertThat(preview.structured().get("state").asString()).isEqualTo("preview");
        assertThat(preview.structured().get("total").asString()).isEqualTo("300.00");
        assertThat(preview.text()).startsWith("Preview only, nothing was written")
                // a host that passes only text to the model must still be able to confirm
                .contains("\"confirmation_token\": \"" + preview.structured().get("confirmation_token").asString()
                        + "\"");
        assertThat(invoicesNumbered("WT-1")).isEmpty();
        assertThat(writesReceived()).isZero();

        ToolOutcome done = call("create_invoice", withToken(NEW_INVOICE, preview));

        assertThat(done.isError()).as(done.text()).isFalse();
        assertThat(done.structured().get("state").asString()).isEqualTo("written");
        List<ObjectNode> created = invoicesNumbered("WT-1");
        assertThat(created).hasSize(1);
        assertThat(created.get(0).path("status").asString()).isEqualTo("draft");
        assertThat(created.get(0).at("/supplier/id").asLong()).isEqualTo(22);
        assertThat(done.structured().at("/item/id").asLong()).isEqualTo(created.get(0).get("id").asLong());
        assertThat(writesReceived()).isEqualTo(1);

        ToolOutcome replay = call("create_invoice", withToken(NEW_INVOICE, preview));

        assertThat(replay.structured()).isEqualTo(done.structured());
        assertThat(replay.text()).startsWith("This confirmation_token was already used; nothing was written again.");
        assertThat(invoicesNumbered("WT-1")).hasSize(1);
        assertThat(writesReceived()).isEqualTo(1);
    }

    @Test
    void twoCallsConfirmingAtOnceWriteOnce() throws Exception {
        ToolOutcome preview = call("create_invoice", NEW_INVOICE);
        String confirmed = withToken(NEW_INVOICE, preview);
        // slow every invoice request down so that both calls are in flight together
        sandbox.control().addFault(FaultRule.latency(300).onPath("/api/invoices"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<ToolOutcome>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return call("create_invoice", confirmed);
                }));
            }
            go.countDown();
            List<ToolOutcome> outcomes = new ArrayList<>();
            for (var c : calls) {
                outcomes.add(c.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(outcomes).filteredOn(o -> !o.isError()).hasSize(outcomes.get(0).isError()
                    || outcomes.get(1).isError() ? 1 : 2);
            assertThat(outcomes).anySatisfy(o -> assertThat(o.text()).satisfiesAnyOf(
                    t -> assertThat(t).contains("being executed by another call"),
                    t -> assertThat(t).startsWith("This confirmation_token was already used")));
        } finally {
            pool.shutdownNow();
        }
        assertThat(invoicesNumbered("WT-1")).hasSize(1);
        assertThat(writesReceived()).isEqualTo(1);
    }

    /** Two previews of one record give two valid tokens: confirmed at once, only one may write. */
    @Test
    void twoTokensForOneRecordConfirmedAtOnceWriteOnce() throws Exception {
        ToolOutcome first = call("create_invoice", NEW_INVOICE);
        ToolOutcome second = call("create_invoice", NEW_INVOICE);
        assertThat(first.structured().get("confirmation_token").asString())
                .isNotEqualTo(second.structured().get("confirmation_token").asString());
        List<String> confirmations = List.of(withToken(NEW_INVOICE, first), withToken(NEW_INVOICE, second));
        sandbox.control().addFault(FaultRule.latency(300).onPath("/api/invoices"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<ToolOutcome>> calls = new ArrayList<>();
            for (String confirmed : confirmations) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return call("create_invoice", confirmed);
                }));
            }
            go.countDown();
            List<ToolOutcome> outcomes = new ArrayList<>();
            for (var c : calls) {
                outcomes.add(c.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(outcomes).filteredOn(o -> !o.isError()).hasSize(1);
            assertThat(outcomes).filteredOn(ToolOutcome::isError).singleElement()
                    .satisfies(o -> assertThat(o.text()).contains("already"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(invoicesNumbered("WT-1")).hasSize(1);
        assertThat(writesReceived()).isEqualTo(1);
    }

    @Test
    void aSupplierNamedExactlyIsResolvedToItsIdAndAnUnknownNameIsRefused() {
        String byName = NEW_INVOICE.replace("\"supplier_id\": 22", "\"supplier_name\": \"Redwood Services Inc.\"");
        ToolOutcome preview = call("create_invoice", byName);
        assertThat(preview.structured().at("/payload/supplier/id").asLong()).isEqualTo(22);
        assertThat(preview.structured().get("target").asString()).contains("supplier[id]=22");

        ToolOutcome unknown = call("create_invoice", byName.replace("Redwood Services Inc.", "Nobody Ltd"));
        assertThat(unknown.isError()).isTrue();
        assertThat(unknown.text()).contains("No supplier is named exactly 'Nobody Ltd'", "list_suppliers");

        ToolOutcome both = call("create_invoice", "{\"supplier_id\": 22, " + byName.substring(1));
        assertThat(both.text()).contains("give only one of supplier_id, supplier_name");
        assertThat(writesReceived()).isZero();
    }

    @Test
    void aUsedSupplierAndInvoiceNumberIsRefusedAsADuplicate() {
        String existing = NEW_INVOICE.replace("WT-1", "RED-20002");
        ToolOutcome preview = call("create_invoice", existing);

        assertThat(preview.isError()).isTrue();
        assertThat(preview.text()).contains("already exists", "RED-20002", "(id 2)", "Nothing was written");
        assertThat(preview.structured()).isNull();
        assertThat(invoicesNumbered("RED-20002")).hasSize(1);
        assertThat(writesReceived()).isZero();
    }

    @Test
    void tamperedExpiredAndForeignTokensAreRefusedAndWriteNothing() {
        ToolOutcome preview = call("create_invoice", NEW_INVOICE);
        String token = preview.structured().get("confirmation_token").asString();
        ObjectNode args = (ObjectNode) Json.MAPPER.readTree(NEW_INVOICE);

        char last = token.charAt(token.length() - 1);
        args.put("confirmation_token", token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'));
        assertThat(call("create_invoice", args.toString()).text()).startsWith("The confirmation_token is not valid");

        ToolOutcome voidPreview = call("void_invoice", "{\"id\": 2}");
        String voidToken = voidPreview.structured().get("confirmation_token").asString();
        args.put("confirmation_token", voidToken);
        assertThat(call("create_invoice", args.toString()).text())
                .startsWith("This confirmation_token was issued by void_invoice, not create_invoice");

        ObjectNode other = (ObjectNode) Json.MAPPER.readTree(NEW_INVOICE.replace("\"price\": 150", "\"price\": 1500"));
        other.put("confirmation_token", token);
        assertThat(call("create_invoice", other.toString()).text())
                .startsWith("This confirmation_token was issued for other arguments of create_invoice");

        assertThat(call("void_invoice", "{\"id\": 5, \"confirmation_token\": \"" + voidToken + "\"}").text())
                .startsWith("This confirmation_token was issued for other arguments of void_invoice");

        clock.advance(ToolSettings.DEFAULT_CONFIRMATION_TTL.plusSeconds(1));
        args.put("confirmation_token", token);
        ToolOutcome expired = call("create_invoice", args.toString());
        assertThat(expired.isError()).isTrue();
        assertThat(expired.text()).startsWith("This confirmation_token expired at");

        assertThat(invoicesNumbered("WT-1")).isEmpty();
        assertThat(status("invoices", 2)).isEqualTo("approved");
        assertThat(writesReceived()).isZero();
    }

    @Test
    void anActionRefusesARecordThatChangedSinceThePreview() {
        ToolOutcome preview = call("void_invoice", "{\"id\": 2}");
        assertThat(preview.structured().at("/item/status").asString()).isEqualTo("approved");
        // someone else edits the invoice meanwhile: a later updated-at, same status
        sandbox.store().collection("invoices").update(2, (ObjectNode) Json.MAPPER.readTree(
                "{\"comments\": \"edited elsewhere\"}"));
        long before = writesReceived();

        ToolOutcome stale = call("void_invoice", withToken("{\"id\": 2}", preview));

        assertThat(stale.isError()).isTrue();
        assertThat(stale.text()).startsWith("Invoice 2 changed since the preview").contains("Nothing was written");
        assertThat(status("invoices", 2)).isEqualTo("approved");
        assertThat(writesReceived()).isEqualTo(before);
    }

    @Test
    void anActionChecksTheStatusFirstAndThenActs() {
        ToolOutcome wrong = call("submit_invoice", "{\"id\": 2}");
        assertThat(wrong.isError()).isTrue();
        assertThat(wrong.text()).isEqualTo("Invoice 2 is approved: submit_invoice needs status draft or new. Nothing "
                + "was written; check it with get_invoice.");

        ToolOutcome preview = call("submit_invoice", "{\"id\": 3}");
        assertThat(status("invoices", 3)).isEqualTo("draft");
        ToolOutcome done = call("submit_invoice", withToken("{\"id\": 3}", preview));

        assertThat(done.isError()).as(done.text()).isFalse();
        assertThat(done.structured().at("/item/status").asString()).isEqualTo("pending_approval");
        assertThat(status("invoices", 3)).isEqualTo("pending_approval");

        String dispute = "{\"id\": 26, \"reason_code\": \"INCORRECT-PRICE\", \"comment\": \"Price differs.\"}";
        ToolOutcome disputed = call("dispute_invoice", withToken(dispute, call("dispute_invoice", dispute)));
        assertThat(disputed.isError()).as(disputed.text()).isFalse();
        assertThat(status("invoices", 26)).isEqualTo("disputed");
    }

    @Test
    void approvalsAreApprovedAndRejectedWithAReason() {
        ToolOutcome approved = call("approve_approval", withToken("{\"id\": 13}", call("approve_approval",
                "{\"id\": 13}")));
        assertThat(approved.isError()).as(approved.text()).isFalse();
        assertThat(status("approvals", 13)).isEqualTo("approved");

        ToolOutcome noReason = call("reject_approval", "{\"id\": 14}");
        assertThat(noReason.text()).contains("missing required argument 'reason'");

        String reject = "{\"id\": 14, \"reason\": \"Over budget\"}";
        ToolOutcome rejected = call("reject_approval", withToken(reject, call("reject_approval", reject)));
        assertThat(rejected.isError()).as(rejected.text()).isFalse();
        assertThat(status("approvals", 14)).isEqualTo("rejected");
    }

    @Test
    void aLostAnswerIsFoundAgainAndTheInvoiceIsNotCreatedTwice() throws Exception {
        ToolCatalog impatient = catalog(Duration.ofMillis(400));
        ToolOutcome preview = call(impatient, "create_invoice", NEW_INVOICE);
        // the confirmed call reads /api/invoices once (duplicate check), then POSTs: the POST is held past the
        // client's read timeout and then served, as when Coupa accepts a write whose answer never arrives
        sandbox.control().addFault(new FaultRule(FaultRule.Kind.LATENCY, 0, 0, 2, 1, 1500, "/api/invoices"));

        ToolOutcome lost = call(impatient, "create_invoice", withToken(NEW_INVOICE, preview));

        assertThat(lost.isError()).isTrue();
        assertThat(lost.text()).contains("it may or may not have happened", "same arguments and confirmation_token");
        Await.until("the held POST is served", Duration.ofSeconds(10), () -> invoicesNumbered("WT-1").size() == 1);

        ToolOutcome replay = call(impatient, "create_invoice", withToken(NEW_INVOICE, preview));

        assertThat(replay.isError()).as(replay.text()).isFalse();
        assertThat(replay.structured().get("state").asString()).isEqualTo("written");
        assertThat(replay.text()).contains("whose answer was lost; nothing was written again");
        assertThat(replay.structured().at("/item/id").asLong())
                .isEqualTo(invoicesNumbered("WT-1").get(0).get("id").asLong());
        assertThat(invoicesNumbered("WT-1")).hasSize(1);
        assertThat(writesReceived()).isEqualTo(1);
        // and from then on the replay is the recorded outcome
        assertThat(call(impatient, "create_invoice", withToken(NEW_INVOICE, preview)).structured())
                .isEqualTo(replay.structured());
    }

    @Test
    void aLostAnswerToAnActionIsFoundAgainFromTheRecordsStatus() throws Exception {
        ToolCatalog impatient = catalog(Duration.ofMillis(400));
        ToolOutcome preview = call(impatient, "void_invoice", "{\"id\": 2}");
        // the confirmed call reads the invoice, then PUTs the action: hold the PUT past the read timeout
        sandbox.control().addFault(new FaultRule(FaultRule.Kind.LATENCY, 0, 0, 2, 1, 1500, "/api/invoices/2"));

        ToolOutcome lost = call(impatient, "void_invoice", withToken("{\"id\": 2}", preview));
        assertThat(lost.text()).contains("it may or may not have happened");
        Await.until("the held PUT is served", Duration.ofSeconds(10), () -> status("invoices", 2).equals("voided"));

        ToolOutcome replay = call(impatient, "void_invoice", withToken("{\"id\": 2}", preview));

        assertThat(replay.isError()).as(replay.text()).isFalse();
        assertThat(replay.structured().at("/item/status").asString()).isEqualTo("voided");
        assertThat(replay.text()).contains("whose answer was lost");
        assertThat(writesReceived()).isEqualTo(1);
    }

    @Test
    void aWriteThatCoupaRefusedWithA5xxIsWrittenOnceByTheReplay() {
        ToolOutcome preview = call("create_invoice", NEW_INVOICE);
        sandbox.control().addFault(new FaultRule(FaultRule.Kind.STATUS, 503, 0, 2, 1, 0, "/api/invoices"));

        ToolOutcome failed = call("create_invoice", withToken(NEW_INVOICE, preview));
        assertThat(failed.text()).contains("it may or may not have happened");
        assertThat(invoicesNumbered("WT-1")).isEmpty();

        ToolOutcome replay = call("create_invoice", withToken(NEW_INVOICE, preview));
        assertThat(replay.isError()).as(replay.text()).isFalse();
        assertThat(replay.text()).startsWith("Created invoice");
        assertThat(invoicesNumbered("WT-1")).hasSize(1);
    }

    @Test
    void aLongDocumentsPreviewLeavesThePayloadOutToFitAndStillConfirms() {
        ObjectNode args = (ObjectNode) Json.MAPPER.readTree(NEW_INVOICE);
        var lines = args.putArray("lines");
        for (int i = 0; i < 50; i++) {
            lines.addObject().put("description", "Line " + i + " " + "x".repeat(400)).put("quantity", 1)
                    .put("price", 10);
        }
        ToolOutcome preview = call("create_invoice", args.toString());

        assertThat(preview.isError()).as(preview.text()).isFalse();
        assertThat(preview.structured().has("payload")).isFalse();
        assertThat(preview.structured().get("notes").get(0).asString()).startsWith("payload left out");
        assertThat(preview.structured().get("total").asString()).isEqualTo("500.00");

        ToolOutcome done = call("create_invoice", withToken(args.toString(), preview));
        assertThat(done.isError()).as(done.text()).isFalse();
        assertThat(invoicesNumbered("WT-1")).hasSize(1);
    }

    @Test
    void aMissingWriteScopeSaysSoWritesNothingAndLeavesTheTokenUsable() {
        HttpCoupaClient reader = HttpCoupaClient.create(CoupaConfig.builder().instanceUrl(sandbox.baseUrl())
                .clientId(READER).clientSecret(READER_SECRET).scopes(registry.requiredScopes())
                .tokenPropagationDelay(Duration.ZERO).build());
        clients.add(reader);
        ToolCatalog readOnlyClient = registry.catalog(reader);
        ToolOutcome preview = call(readOnlyClient, "void_invoice", "{\"id\": 2}");
        assertThat(preview.isError()).as(preview.text()).isFalse();

        for (int attempt = 0; attempt < 2; attempt++) {
            ToolOutcome refused = call(readOnlyClient, "void_invoice", withToken("{\"id\": 2}", preview));
            assertThat(refused.isError()).isTrue();
            assertThat(refused.text()).startsWith("The Coupa OAuth client is not allowed to change invoices (nothing "
                    + "was written): it lacks the scope core.invoice.delete");
        }
        assertThat(status("invoices", 2)).isEqualTo("approved");
    }

    @Test
    void coupaValidationErrorsNameTheArgumentsToFix() {
        String badLink = NEW_INVOICE.replace("\"price\": 150", "\"price\": 150, \"po_line_id\": 99999999");
        ToolOutcome preview = call("create_invoice", badLink);

        ToolOutcome refused = call("create_invoice", withToken(badLink, preview));

        assertThat(refused.isError()).isTrue();
        assertThat(refused.text()).startsWith("Coupa refused to create the invoice: nothing was written")
                .contains("lines[0].po_line_id — Order line 99999999 not found")
                .contains("call create_invoice without confirmation_token to preview the corrected change");
        assertThat(invoicesNumbered("WT-1")).isEmpty();
    }

    @Test
    void theHumanIsAskedForHighImpactWritesWhereTheClientCan() {
        AtomicInteger asked = new AtomicInteger();
        List<String> questions = new ArrayList<>();
        ToolProgress declines = new ToolProgress() {
            @Override
            public void report(double progress, double total, String message) {}

            @Override
            public Optional<Boolean> askHuman(String question) {
                asked.incrementAndGet();
                questions.add(question);
                return Optional.of(false);
            }
        };
        ToolOutcome preview = call("void_invoice", "{\"id\": 2}");
        ToolOutcome declined = catalog.call("void_invoice", (ObjectNode) Json.MAPPER.readTree(
                withToken("{\"id\": 2}", preview)), declines);

        assertThat(asked).hasValue(1);
        assertThat(questions.get(0)).startsWith("An AI agent asks to void invoice").contains("RED-20002", "Allow it?");
        assertThat(declined.isError()).isTrue();
        assertThat(declined.text()).contains("did not allow it (declined, or gave no answer): nothing was written");
        assertThat(status("invoices", 2)).isEqualTo("approved");

        // a small invoice does not bother the human; one above the threshold does
        ToolOutcome small = catalog.call("create_invoice", (ObjectNode) Json.MAPPER.readTree(
                withToken(NEW_INVOICE, call("create_invoice", NEW_INVOICE))), declines);
        assertThat(small.isError()).as(small.text()).isFalse();
        assertThat(asked).hasValue(1);
        String large = NEW_INVOICE.replace("WT-1", "WT-2").replace("\"price\": 150", "\"price\": 15000");
        ToolOutcome refused = catalog.call("create_invoice", (ObjectNode) Json.MAPPER.readTree(
                withToken(large, call("create_invoice", large))), declines);
        assertThat(asked).hasValue(2);
        assertThat(questions.get(1)).contains("totalling 30000.00 USD");
        assertThat(refused.text()).contains("declined");
        assertThat(invoicesNumbered("WT-2")).isEmpty();
    }

    @Test
    void everyWriteStepLeavesOneAuditLineWithoutTheToken() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        Logger audit = (Logger) LoggerFactory.getLogger(WriteAudit.LOGGER);
        appender.start();
        audit.addAppender(appender);
        try {
            ToolOutcome preview = call("void_invoice", "{\"id\": 2}");
            String token = preview.structured().get("confirmation_token").asString();
            call("void_invoice", withToken("{\"id\": 2}", preview));
            call("void_invoice", withToken("{\"id\": 2}", preview));

            List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).hasSize(4);
            List<JsonNode> steps = lines.stream().map(Json.MAPPER::readTree).toList();
            assertThat(steps).allSatisfy(l -> assertThat(l.path("type").asString()).isEqualTo("audit"));
            assertThat(steps.get(0).path("step").asString()).isEqualTo("preview");
            assertThat(steps.get(0).path("tool").asString()).isEqualTo("void_invoice");
            assertThat(steps.get(0).path("target").asString()).isEqualTo("invoices/2");
            assertThat(steps.get(0).path("payload_digest").asString()).isNotBlank();
            assertThat(steps.get(0).path("outcome").asString()).isEqualTo("previewed");
            assertThat(steps.get(1).path("step").asString()).isEqualTo("confirm");
            assertThat(steps.get(1).path("outcome").asString()).isEqualTo("accepted");
            assertThat(steps.get(2).path("step").asString()).isEqualTo("outcome");
            assertThat(steps.get(2).path("outcome").asString()).isEqualTo("written");
            assertThat(steps.get(3).path("outcome").asString()).isEqualTo("replayed");
            String id = steps.get(0).path("confirmation").asString();
            assertThat(id).isNotBlank();
            assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain(token).doesNotContain(token.split("\\.")[1]));
            assertThat(steps.subList(1, 4)).allSatisfy(l -> assertThat(l.path("confirmation").asString()).isEqualTo(id));
            // called in process: no request, session, tenant or principal to name
            assertThat(steps.get(0).has("request_id")).isFalse();
        } finally {
            audit.detachAppender(appender);
        }
    }

    @Test
    void writeToolsAndTheirScopesExistOnlyWithWritesEnabled() {
        List<String> writeTools = List.of("create_invoice", "submit_invoice", "void_invoice", "dispute_invoice",
                "approve_approval", "reject_approval", "create_requisition");
        ToolRegistry readsOnly = ToolRegistry.load(ToolSettings.builder().enabledToolsets(Set.of(Toolsets.ALL))
                .build());
        assertThat(readsOnly.definitions()).extracting(ToolDefinition::name).doesNotContainAnyElementsOf(writeTools);
        assertThat(readsOnly.requiredScopes()).noneMatch(s -> s.endsWith(".write") || s.endsWith(".delete"));
        assertThat(readsOnly.catalog(new FakeCoupaClient()).call("create_invoice",
                (ObjectNode) Json.MAPPER.readTree(NEW_INVOICE)).text()).startsWith("Tool 'create_invoice' is not published")
                .contains("--enable-writes");

        assertThat(registry.definitions()).extracting(ToolDefinition::name).containsAll(writeTools);
        assertThat(registry.requiredScopes()).contains("core.invoice.write", "core.invoice.delete",
                "core.approval.write", "core.requisition.write");
        registry.definitions().stream().filter(d -> writeTools.contains(d.name())).forEach(d -> {
            assertThat(d.hints().readOnly()).as(d.name()).isFalse();
            assertThat(d.hints().destructive()).as(d.name()).isEqualTo(!d.name().startsWith("create_"));
            assertThat(d.toolset()).as(d.name()).isEqualTo(d.name().contains("invoice") ? "invoices"
                    : d.name().contains("approval") ? "approvals" : "requisitions");
            // the catalogue budget: what a model reads of one tool
            ObjectNode json = ToolDefinitionJson.of(d);
            int size = 0;
            for (String key : List.of("name", "title", "description", "inputSchema", "annotations")) {
                JsonNode part = json.get(key);
                size += part.isString() ? part.asString().length() : part.toString().length();
            }
            assertThat(size).as(d.name() + " name+title+description+inputSchema+annotations").isLessThanOrEqualTo(1500);
        });

        ToolRegistry readOnlyWins = ToolRegistry.load(ToolSettings.builder().enabledToolsets(Set.of(Toolsets.ALL))
                .writesEnabled(true).readOnly(true).build());
        assertThat(readOnlyWins.definitions()).extracting(ToolDefinition::name)
                .doesNotContainAnyElementsOf(writeTools);
    }

    @Test
    void aRequisitionIsCreatedForItsRequester() {
        String req = "{\"requested_by\": \"skowalski\", \"title\": \"Laptops\", \"currency\": \"USD\", \"lines\": "
                + "[{\"description\": \"Laptop\", \"quantity\": 2, \"unit_price\": 1200}]}";
        ToolOutcome done = call("create_requisition", withToken(req, call("create_requisition", req)));

        assertThat(done.isError()).as(done.text()).isFalse();
        long id = done.structured().at("/item/id").asLong();
        JsonNode created = sandbox.store().collection("requisitions").render(id);
        assertThat(created.path("status").asString()).isEqualTo("draft");
        assertThat(created.at("/requested-by/login").asString()).isEqualTo("skowalski");
    }
}
