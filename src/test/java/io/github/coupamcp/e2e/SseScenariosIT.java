package io.github.coupamcp.e2e;

/** The end-to-end scenarios over SSE. */
class SseScenariosIT extends McpScenarios {
    @Override
    Transport transport() {
        return Transport.SSE;
    }
}
