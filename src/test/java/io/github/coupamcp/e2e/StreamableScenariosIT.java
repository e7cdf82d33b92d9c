package io.github.coupamcp.e2e;

/** The end-to-end scenarios over STREAMABLE. */
class StreamableScenariosIT extends McpScenarios {
    @Override
    Transport transport() {
        return Transport.STREAMABLE;
    }
}
