/**
 * Keeping agent contexts small: compact records ({@link io.github.coupamcp.shape.RecordCompactor}), the response
 * budget ({@link io.github.coupamcp.shape.ResponseBudget}, {@link io.github.coupamcp.shape.SingleRecordFit}), signed
 * keyset continuation tokens ({@link io.github.coupamcp.shape.CursorCodec}) and one-line text renderings. Knows
 * neither MCP nor how records are fetched.
 */
package io.github.coupamcp.shape;
