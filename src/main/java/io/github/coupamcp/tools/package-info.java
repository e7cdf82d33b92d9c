/**
 * The tool layer: tools are data ({@code tools-schema/<toolset>/<tool>.json}, loaded by {@link
 * io.github.coupamcp.tools.schema}) run by generic list/get handlers, or by a small custom {@link
 * io.github.coupamcp.tools.ToolHandler} for tools with real logic. Entry points: {@link
 * io.github.coupamcp.tools.ToolRegistry#load(ToolSettings)}, {@link
 * io.github.coupamcp.tools.ToolRegistry#definitions()}, {@link io.github.coupamcp.tools.ToolRegistry#requiredScopes()}
 * and {@link
 * io.github.coupamcp.tools.ToolRegistry#catalog(io.github.coupamcp.coupa.CoupaClient)}. Nothing here knows MCP exists.
 */
package io.github.coupamcp.tools;
