package io.github.coupamcp.e2e;

/** The end-to-end scenarios over STDIO. */
class StdioScenariosIT extends McpScenarios {
    @Override
    Transport transport() {
        return Transport.STDIO;
    }
}
