package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** list_users and get_user against the sandbox, checked against a brute-force pass over its users. */
class UserFiltersOnSandboxTest {
    private static SandboxListing sandbox;

    @BeforeAll
    static void start() {
        sandbox = new SandboxListing();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void activeSplitsTheUsers() {
        List<Long> inactive = sandbox.expected("users", u -> !u.path("active").asBoolean());
        assertThat(inactive).as("the sandbox has deactivated users").isNotEmpty();
        assertThat(sandbox.listed("list_users", "users", "{\"active\": false}")).containsExactlyElementsOf(inactive);
        assertThat(sandbox.listed("list_users", "users", "{\"active\": true}"))
                .containsExactlyElementsOf(sandbox.expected("users", u -> u.path("active").asBoolean()));
    }

    @Test
    void namePartAndManager() {
        ObjectNode someone = sandbox.records("users").get(7);
        String part = someone.get("lastname").asString().substring(1, 4).toLowerCase(Locale.ROOT);
        assertThat(sandbox.listed("list_users", "users", "{\"name\": \"" + part + "\"}"))
                .contains(someone.get("id").asLong())
                .containsExactlyElementsOf(sandbox.expected("users",
                        u -> u.get("fullname").asString().toLowerCase(Locale.ROOT).contains(part)));
        long manager = someone.path("manager").path("id").asLong();
        assertThat(sandbox.listed("list_users", "users", "{\"manager_id\": " + manager + "}"))
                .contains(someone.get("id").asLong())
                .containsExactlyElementsOf(sandbox.expected("users", u -> u.path("manager").path("id").asLong() == manager));
    }

    @Test
    void getUserByLoginAndByEmail() {
        ObjectNode u = sandbox.records("users").get(5);
        for (String args : List.of("{\"login\": \"" + u.get("login").asString() + "\"}",
                "{\"email\": \"" + u.get("email").asString() + "\"}")) {
            ToolOutcome out = sandbox.call("get_user", args);
            assertThat(out.isError()).as(out.text()).isFalse();
            assertThat(out.structured().path("item").path("id").asLong()).isEqualTo(u.get("id").asLong());
            assertThat(out.structured().path("item").path("fullname").asString()).isEqualTo(u.get("fullname").asString());
        }
        ToolOutcome none = sandbox.call("get_user", "{\"login\": \"nobody-here\"}");
        assertThat(none.isError()).isTrue();
        assertThat(none.text()).contains("login");
    }
}
