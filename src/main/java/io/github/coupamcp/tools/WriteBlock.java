package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.shape.CompactionRules;
import io.github.coupamcp.shape.FreeText;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The block of the write kinds ({@code create}, {@code action}): what a write sends to Coupa and what it checks first.
 * Never published.
 *
 * @param action     action kind: the Coupa action ({@code void}, {@code approve}); null for create
 * @param from       action kind: the statuses the record must have for the action
 * @param to         action kind: the status the action leads to (a replay after a lost answer looks for it)
 * @param body       how arguments become the Coupa payload
 * @param exactlyOne groups of arguments of which exactly one must be given (supplier_id or supplier_name)
 * @param unique     create kind: argument to Coupa filter attribute; a record matching them all is a duplicate
 * @param resolve    arguments naming a record by its name, resolved to its id before anything is previewed
 * @param amount     how to total the document (for the human check above a threshold), or null
 * @param askHuman   true when every call asks the human, where the client can be asked (void, reject)
 * @param fields     projection of the record read before and returned after the write
 * @param compaction renames of the returned record
 * @param line       output keys on the record's one-line text rendering
 * @param freeText   output paths of the record holding supplier- or user-authored text, marked as untrusted
 */
public record WriteBlock(
        String resource,
        String scope,
        String entity,
        String entities,
        String listTool,
        String action,
        Set<String> from,
        String to,
        BodyTemplate body,
        List<List<String>> exactlyOne,
        Map<String, String> unique,
        Map<String, Resolver> resolve,
        Amount amount,
        boolean askHuman,
        Fields fields,
        CompactionRules compaction,
        List<String> line,
        FreeText freeText) implements KindBlock {

    /** An argument naming a record ({@code supplier_name}) looked up exactly and replaced by its id argument. */
    public record Resolver(String resource, String attribute, String into, String entity, String listTool) {}

    /** The document's total: the sum of quantity × price over the lines argument, in the currency argument. */
    public record Amount(String lines, String quantity, String price, String currency) {}

    @Override
    public boolean writes() {
        return true;
    }

    /** True for the create kind, false for actions. */
    public boolean creates() {
        return action == null;
    }
}
