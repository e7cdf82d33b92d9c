package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The block of the {@code backlog} kind: the documents whose approval chains are read (each a resource scanned for
 * its documents pending approval, with their embedded approvals), which approval statuses are still undecided, the
 * age buckets and how many of the longest waiting are listed. Never published. Its own resource and scope are the
 * first document's; {@link #scopes()} names every document's.
 *
 * @param documents {@code document_type} value to the document it reads, in the published enum's order
 * @param undecided approval statuses still waiting for a decision, e.g. pending_approval, on_hold
 */
public record BacklogBlock(
        String entity,
        String entities,
        String listTool,
        Map<String, Document> documents,
        List<String> undecided,
        AgeBuckets buckets,
        int oldest) implements KindBlock {

    /**
     * One kind of approvable document: its resource and scope, the status its pending documents have, the paths of
     * its total, currency and number (how the answer names it), the association holding its approval chain, and the
     * projection a scan asks for; {@code numberIsFreeText} when that number is text a user typed (a requisition's
     * title), marked as untrusted in the answer.
     */
    public record Document(String name, String resource, String scope, String entities, String status, String total,
            String currency, String number, String approvals, Fields fields, boolean numberIsFreeText) {}

    /** Whether the answer must mark a document's number of this type as untrusted text. */
    public boolean numberIsFreeText(String documentType) {
        Document d = documents.get(documentType);
        return d != null && d.numberIsFreeText();
    }

    private Document first() {
        return documents.values().iterator().next();
    }

    @Override
    public String resource() {
        return first().resource();
    }

    @Override
    public String scope() {
        return first().scope();
    }

    @Override
    public Set<String> scopes() {
        Set<String> scopes = new LinkedHashSet<>();
        documents.values().forEach(d -> scopes.add(d.scope()));
        return scopes;
    }
}
