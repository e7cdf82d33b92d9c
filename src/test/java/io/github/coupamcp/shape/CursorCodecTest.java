package io.github.coupamcp.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class CursorCodecTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));
    private final CursorCodec codec = new CursorCodec("k".repeat(32).getBytes(StandardCharsets.UTF_8),
            Duration.ofMinutes(60), clock);

    private static ObjectNode args() {
        ObjectNode a = Json.object();
        a.putArray("status").add("approved");
        a.put("supplier_id", 42);
        return a;
    }

    @Test
    void roundTripsToolArgumentsAndPosition() {
        String token = codec.encode("list_invoices", args(), 1234);

        Cursor cursor = codec.decode("list_invoices", token);

        assertThat(cursor.afterId()).isEqualTo(1234);
        assertThat(cursor.arguments()).isEqualTo(args());
        assertThat(cursor.continues(args())).isTrue();
        assertThat(cursor.expiresAt()).isEqualTo(Instant.parse("2025-06-01T01:00:00Z"));
        assertThat(token).doesNotContain("approved", "1234").matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    /** A sorted listing's position: its last value and whether that value's run was complete, or the blank ones. */
    @Test
    void roundTripsASortedPosition() {
        Cursor within = codec.decode("list_invoices", codec.encode("list_invoices", args(), 77,
                new SortPosition("2025-03-01T00:00:00+00:00", false)));
        Cursor after = codec.decode("list_invoices", codec.encode("list_invoices", args(), 78,
                new SortPosition("12.50", true)));
        Cursor blank = codec.decode("list_invoices", codec.encode("list_invoices", args(), 79, SortPosition.NO_VALUE));
        Cursor byId = codec.decode("list_invoices", codec.encode("list_invoices", args(), 80));

        assertThat(within.sortedAfter()).isEqualTo(new SortPosition("2025-03-01T00:00:00+00:00", false));
        assertThat(within.afterId()).isEqualTo(77);
        assertThat(after.sortedAfter()).isEqualTo(new SortPosition("12.50", true));
        assertThat(blank.sortedAfter()).isEqualTo(SortPosition.NO_VALUE);
        assertThat(blank.sortedAfter().inNoValue()).isTrue();
        assertThat(byId.sortedAfter()).as("id order: the cursor format is unchanged").isNull();
    }

    @Test
    void argumentsInAnotherKeyOrderAreTheSameListingAndOtherValuesAreNot() {
        Cursor cursor = codec.decode("list_invoices", codec.encode("list_invoices", args(), 1234));
        ObjectNode reordered = Json.object();
        reordered.put("supplier_id", 42);
        reordered.putArray("status").add("approved");
        assertThat(reordered.toString()).isNotEqualTo(args().toString());
        assertThat(cursor.continues(reordered)).isTrue();
        reordered.put("supplier_id", 43);
        assertThat(cursor.continues(reordered)).isFalse();
        assertThat(cursor.continues(Json.object())).isFalse();
    }

    @Test
    void longArgumentsArePinnedByDigestSoTheTokenStaysShort() {
        ObjectNode big = args();
        big.put("supplier_name", "a".repeat(5000));
        String token = codec.encode("list_invoices", big, 1234);
        Cursor cursor = codec.decode("list_invoices", token);
        assertThat(token).hasSizeLessThan(200);
        assertThat(cursor.arguments()).isNull();
        assertThat(cursor.continues(big)).isTrue();
        assertThat(cursor.continues(args())).isFalse();
    }

    @Test
    void alteredPayloadIsRejected() {
        String token = codec.encode("list_invoices", args(), 1234);
        String body = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(body.replace("1234", "1").getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));

        assertThatThrownBy(() -> codec.decode("list_invoices", forged))
                .isInstanceOfSatisfying(CursorException.class,
                        e -> assertThat(e.reason()).isEqualTo(CursorException.Reason.TAMPERED));
    }

    @Test
    void flippedSignatureTruncationAndGarbageAreRejected() {
        String token = codec.encode("list_invoices", args(), 1234);
        char last = token.charAt(token.length() - 1);
        for (String bad : new String[] {token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'),
                token.substring(0, token.length() - 5), "garbage", "", "a.b", token.replace('.', '!')}) {
            assertThatThrownBy(() -> codec.decode("list_invoices", bad)).as(bad)
                    .isInstanceOfSatisfying(CursorException.class,
                            e -> assertThat(e.reason()).isEqualTo(CursorException.Reason.TAMPERED));
        }
    }

    /** The signature's last character carries unused bits: only its one canonical spelling may verify. */
    @Test
    void everyOtherSpellingOfTheLastCharacterIsRejected() {
        String token = codec.encode("list_invoices", args(), 1234);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        int tried = 0;
        for (char c : alphabet.toCharArray()) {
            if (c == last) {
                continue;
            }
            String other = token.substring(0, token.length() - 1) + c;
            assertThatThrownBy(() -> codec.decode("list_invoices", other)).as(other)
                    .isInstanceOfSatisfying(CursorException.class,
                            e -> assertThat(e.reason()).isEqualTo(CursorException.Reason.TAMPERED));
            tried++;
        }
        assertThat(tried).isEqualTo(63);
        for (String padded : new String[] {token + "=", token + "==", token.replace(".", "=.")}) {
            assertThatThrownBy(() -> codec.decode("list_invoices", padded)).as(padded)
                    .isInstanceOf(CursorException.class);
        }
        assertThat(codec.decode("list_invoices", token).afterId()).isEqualTo(1234);
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() {
        CursorCodec other = new CursorCodec("z".repeat(32).getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(60),
                clock);
        String token = other.encode("list_invoices", args(), 1234);
        assertThatThrownBy(() -> codec.decode("list_invoices", token))
                .isInstanceOfSatisfying(CursorException.class,
                        e -> assertThat(e.reason()).isEqualTo(CursorException.Reason.TAMPERED));
    }

    @Test
    void expiresAfterTheTtl() {
        String token = codec.encode("list_invoices", args(), 1234);
        clock.advance(Duration.ofMinutes(59));
        assertThat(codec.decode("list_invoices", token).afterId()).isEqualTo(1234);
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> codec.decode("list_invoices", token))
                .isInstanceOfSatisfying(CursorException.class,
                        e -> assertThat(e.reason()).isEqualTo(CursorException.Reason.EXPIRED));
    }

    @Test
    void anotherToolsCursorIsAMismatch() {
        String token = codec.encode("list_invoices", args(), 1234);
        assertThatThrownBy(() -> codec.decode("list_suppliers", token))
                .isInstanceOfSatisfying(CursorException.class,
                        e -> assertThat(e.reason()).isEqualTo(CursorException.Reason.MISMATCHED))
                .hasMessageContaining("list_invoices");
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> new CursorCodec(new byte[8], Duration.ofMinutes(1), clock))
                .hasMessageContaining("at least 16 bytes");
    }
}
