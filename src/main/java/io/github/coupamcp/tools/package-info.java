/**
 * The tool layer: tools are data ({@code tools-schema/<toolset>/<tool>.json}, loaded by {@link
 * io.github.coupamcp.tools.schema}), each naming its {@link io.github.coupamcp.tools.ToolKind} (list, get): the handler
 * family that reads its {@code x-coupa} block and runs it. Entry points: {@link
 * io.github.coupamcp.tools.ToolRegistry#load(ToolSettings)}, {@link
 * io.github.coupamcp.tools.ToolRegistry#definitions()}, {@link io.github.coupamcp.tools.ToolRegistry#requiredScopes()}
 * and {@link
 * io.github.coupamcp.tools.ToolRegistry#catalog(io.github.coupamcp.coupa.CoupaClient)}. Nothing here knows MCP exists.
 */
package io.github.coupamcp.tools;
