package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.CursorCodec;
import io.github.coupamcp.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Confirmation tokens are signed like cursors but with their own derived key, and outcomes are claimed once. */
class ConfirmationsTest {
    private static final byte[] KEY = "test-cursor-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private final MutableClock clock = new MutableClock();
    private final CursorCodec cursors = new CursorCodec(KEY, Duration.ofHours(1), clock);
    private final Confirmations confirmations = new Confirmations(cursors, Duration.ofMinutes(10), clock,
            ToolSettings.DEFAULT_ASK_HUMAN_ABOVE);

    @Test
    void aTokenPinsWhatWasPreviewedAndExpires() {
        String token = confirmations.issue("void_invoice", "args", "body", "invoices/2", "v1", false);
        Confirmation c = confirmations.open("void_invoice", token);

        assertThat(c.argumentsDigest()).isEqualTo("args");
        assertThat(c.bodyDigest()).isEqualTo("body");
        assertThat(c.target()).isEqualTo("invoices/2");
        assertThat(c.version()).isEqualTo("v1");
        assertThat(c.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS));
        assertThat(confirmations.expired(c)).isFalse();
        clock.advance(Duration.ofMinutes(10));
        assertThat(confirmations.expired(c)).isTrue();
        assertThat(confirmations.issue("void_invoice", "args", "body", "invoices/2", "v1", false)).isNotEqualTo(token);
    }

    @Test
    void aCursorIsNotAConfirmationNorOneSignedWithAnotherKey() {
        String cursor = cursors.encode("void_invoice", Json.object(), 1);
        assertThatThrownBy(() -> confirmations.open("void_invoice", cursor))
                .hasMessageStartingWith("The confirmation_token is not valid");

        String confirmation = confirmations.issue("void_invoice", "a", "b", "invoices/2", null, false);
        assertThatThrownBy(() -> cursors.decode("void_invoice", confirmation))
                .isInstanceOf(io.github.coupamcp.shape.CursorException.class);

        Confirmations otherServer = new Confirmations(new CursorCodec("another-key-0123456789".getBytes(
                StandardCharsets.UTF_8), Duration.ofHours(1), clock), Duration.ofMinutes(10), clock,
                ToolSettings.DEFAULT_ASK_HUMAN_ABOVE);
        String foreign = otherServer.issue("void_invoice", "a", "b", "invoices/2", null, false);
        assertThatThrownBy(() -> confirmations.open("void_invoice", foreign))
                .hasMessageStartingWith("The confirmation_token is not valid");
        for (String broken : new String[] {"", ".", "abc", "abc.", ".abc", foreign + "=", foreign.replace('.', '_')}) {
            assertThatThrownBy(() -> confirmations.open("void_invoice", broken)).as(broken)
                    .isInstanceOf(ConfirmationException.class);
        }
    }

    /** Same key, another process (a restart): a token of a write without natural key is not accepted there. */
    @Test
    void aProcessLocalTokenIsAcceptedOnlyByItsProcess() {
        Confirmations restarted = new Confirmations(cursors, Duration.ofMinutes(10), clock,
                ToolSettings.DEFAULT_ASK_HUMAN_ABOVE);
        String local = confirmations.issue("create_requisition", "a", "b", "requisitions", null, true);
        String portable = confirmations.issue("create_invoice", "a", "b", "invoices[x]", null, false);

        assertThat(confirmations.open("create_requisition", local).id()).isNotBlank();
        assertThatThrownBy(() -> restarted.open("create_requisition", local))
                .hasMessageStartingWith("This confirmation_token was issued by another server process");
        assertThat(restarted.open("create_invoice", portable).id()).isNotBlank();
    }

    @Test
    void aTokenIsClaimedOnceAndAnUnknownOutcomeOnceMore() {
        assertThat(confirmations.claim("id-1")).isTrue();
        assertThat(confirmations.claim("id-1")).as("running").isFalse();
        confirmations.unknown("id-1");
        assertThat(confirmations.claim("id-1")).as("settling an unknown outcome").isTrue();
        confirmations.done("id-1", ToolOutcome.success(null, "done"));
        assertThat(confirmations.claim("id-1")).as("done").isFalse();
        assertThat(confirmations.find("id-1").outcome().text()).isEqualTo("done");

        assertThat(confirmations.claim("id-2")).isTrue();
        confirmations.release("id-2");
        assertThat(confirmations.claim("id-2")).as("released: nothing was written").isTrue();
    }

    @Test
    void outcomesAreKeptPastTheTokensExpiryThenDropped() {
        confirmations.claim("id-1");
        confirmations.done("id-1", ToolOutcome.success(null, "done"));
        clock.advance(Duration.ofMinutes(30));
        assertThat(confirmations.find("id-1")).isNotNull();
        clock.advance(Duration.ofHours(2));
        assertThat(confirmations.find("id-1")).isNull();
    }
}
