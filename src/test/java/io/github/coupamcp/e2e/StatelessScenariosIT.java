package io.github.coupamcp.e2e;

/** The end-to-end scenarios over STATELESS: every request answered on its own, no session. */
class StatelessScenariosIT extends McpScenarios {
    @Override
    Transport transport() {
        return Transport.STATELESS;
    }
}
