package io.github.coupamcp.mcp;

import io.github.coupamcp.tools.ToolAccess;
import io.github.coupamcp.tools.ToolNarrowing;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the headers by which an HTTP request narrows the server's tools, e.g. a gateway serving several agents from
 * one server: {@value #TOOLSETS}, {@value #TOOLS}, {@value #EXCLUDE_TOOLS} and {@value #READ_ONLY}. They can only
 * narrow: a name outside what the server publishes, or an unknown one, is answered with 400 and a JSON-RPC error
 * naming it (and the closest valid names), never ignored, so a mistake cannot silently leave tools in.
 */
final class ToolHeadersFilter extends HttpFilter {
    static final String TOOLSETS = "X-Coupa-MCP-Toolsets";
    static final String TOOLS = "X-Coupa-MCP-Tools";
    static final String EXCLUDE_TOOLS = "X-Coupa-MCP-Exclude-Tools";
    static final String READ_ONLY = "X-Coupa-MCP-Read-Only";
    /** The request attribute holding the parsed {@link ToolNarrowing}. */
    static final String ATTRIBUTE = "coupa-mcp.narrowing";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** Narrows within what the request's tenant publishes (see {@link TenantRouting}). */
    ToolHeadersFilter() {}

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ToolNarrowing narrowing;
        try {
            narrowing = narrowing(request);
        } catch (IllegalArgumentException e) {
            JsonRpcGuard.Rejected refused = new JsonRpcGuard.Rejected(-32600, "Invalid tool headers: "
                    + e.getMessage() + ".", JsonRpcBodyFilter.requestId(request), true);
            JsonRpcBodyFilter.answer(response, HttpServletResponse.SC_BAD_REQUEST, refused.answer());
            return;
        }
        request.setAttribute(ATTRIBUTE, narrowing);
        chain.doFilter(request, response);
    }

    /** The narrowing of an already filtered request; none when it went through no filter (it never does). */
    static ToolNarrowing of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof ToolNarrowing n ? n : ToolNarrowing.NONE;
    }

    private ToolNarrowing narrowing(HttpServletRequest request) {
        for (String header : List.of(TOOLSETS, TOOLS, EXCLUDE_TOOLS, READ_ONLY)) {
            // two lines of one header would widen each other (a gateway appending its own after the client's): refused
            if (Collections.list(request.getHeaders(header)).size() > 1) {
                throw new IllegalArgumentException(header + " is sent more than once: send it once, with every name "
                        + "comma-separated");
            }
        }
        List<String> toolsets = names(request, TOOLSETS);
        List<String> tools = names(request, TOOLS);
        List<String> excluded = names(request, EXCLUDE_TOOLS);
        String readOnly = request.getHeader(READ_ONLY);
        if (toolsets == null && tools == null && excluded == null && readOnly == null) {
            return ToolNarrowing.NONE;
        }
        ToolAccess access = TenantEndpoint.of(request).factory().access();
        return new ToolNarrowing(
                toolsets == null ? null : access.narrowToolsets(TOOLSETS, toolsets),
                tools == null ? null : access.narrowTools(TOOLS, tools),
                excluded == null ? Set.of() : access.excludeTools(EXCLUDE_TOOLS, excluded),
                readOnly != null && parseBoolean(readOnly));
    }

    /** The comma-separated names of a header; null when it is absent. */
    private static List<String> names(HttpServletRequest request, String header) {
        List<String> values = Collections.list(request.getHeaders(header));
        if (values.isEmpty()) {
            return null;
        }
        List<String> names = values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(header + ": '" + JsonRpcGuard.echo(name)
                        + "' is not a name (letters, digits, _ . - only, at most 64 characters)");
            }
        }
        return names;
    }

    private static boolean parseBoolean(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(READ_ONLY + " must be true or false, got '"
                    + JsonRpcGuard.echo(value) + "'");
        };
    }
}
