/**
 * The Coupa sandbox's data and domain layer: a deterministic, internally consistent data set and the Coupa
 * rules for writes, behind {@link io.github.coupamcp.sandbox.data.SandboxStore}.
 *
 * <h2>Data</h2>
 * {@link io.github.coupamcp.sandbox.data.SandboxData#generate(long, Scale)} builds, from one seed: users (with
 * managers, departments, default address/account/currency), suppliers (contact, primary and remit-to address,
 * payment terms, custom fields), a chart of accounts per legal entity (US/EU/UK), currencies, payment terms,
 * contracts, requisitions that become purchase orders, receipts (inventory transactions) for goods lines,
 * invoices (about two thirds matched line by line to PO lines of their own supplier and currency, the rest
 * non-PO; about 6% credit notes pointing at an earlier invoice; every R39 invoice status present), approval
 * chains for invoices and requisitions consistent with the document status, and expense reports with lines.
 * The same seed and scale always give the same data; the clock only stamps writes.
 *
 * <p>Records are compact immutable Java records in concurrent skip-list maps (ids ascending, live views);
 * the heavy Coupa JSON (nested supplier, users, accounts, addresses...) is rendered on demand, copying cached
 * nested prototypes. A default invoice renders to about 13 KB of JSON, so projection matters. Query engines
 * that filter or sort on a few fields should call {@code renderFields(id, names)}: invoices, purchase orders
 * and requisitions then skip the nested parts not asked for (~1-4 us instead of ~15-40 us per invoice).
 * Figures (2-core machine, shared): SMALL generates in ~0.1-0.3 s, MEDIUM (10k invoices) in ~0.3 s with
 * ~14 MB retained, LARGE (100k invoices) in ~1-1.7 s with ~140 MB retained. See {@code SandboxDataBenchmark}.
 *
 * <h2>Writes</h2>
 * Every mutation runs under one store-wide lock (writes are rare and span records); reads never lock. Each
 * change stamps a strictly later {@code updated-at} on the record and on the document an approval belongs to.
 * The rules are documented on {@link io.github.coupamcp.sandbox.data.InvoiceWrites},
 * {@link io.github.coupamcp.sandbox.data.RequisitionWrites}, {@link io.github.coupamcp.sandbox.data.SupplierWrites},
 * {@link io.github.coupamcp.sandbox.data.ApprovalCollection} and
 * {@link io.github.coupamcp.sandbox.data.PurchaseOrderCollection}.
 */
package io.github.coupamcp.sandbox.data;
