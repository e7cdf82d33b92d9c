package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.tools.schema.DirectorySchemaSource;
import io.github.coupamcp.tools.schema.ToolSchemaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aging and backlog blocks are checked when the tool files load: a mistake names the file and the key instead of
 * answering wrongly later. Each case breaks one shipped file in a copy of tools-schema.
 */
class ScanKindBlocksTest {
    private static final Path SHIPPED = Path.of("tools-schema");

    @TempDir
    Path dir;

    private void copyWith(String file, String from, String to) throws IOException {
        try (Stream<Path> paths = Files.walk(SHIPPED)) {
            paths.forEach(p -> {
                try {
                    Path target = dir.resolve(SHIPPED.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Path target = dir.resolve(file);
        String text = Files.readString(target);
        assertThat(text).contains(from);
        Files.writeString(target, text.replace(from, to));
    }

    private void assertRefused(String message) {
        assertThatThrownBy(() -> ToolRegistry.load(ToolSettings.defaults(), new DirectorySchemaSource(dir)))
                .isInstanceOf(ToolSchemaException.class).hasMessageContaining(message);
    }

    @Test
    void theCopyLoadsAsShipped() throws IOException {
        copyWith("invoices/invoice_aging.json", "\"oldest\": 5", "\"oldest\": 5");
        assertThat(ToolRegistry.load(ToolSettings.defaults(), new DirectorySchemaSource(dir)).definitions())
                .extracting(ToolDefinition::name).contains("invoice_aging", "approval_backlog");
    }

    @Test
    void agingBucketsMustAscendAndEndUnbounded() throws IOException {
        copyWith("invoices/invoice_aging.json", "\"61-90\": 90, \"90+\": null", "\"61-90\": 50, \"90+\": null");
        assertRefused("invoices/invoice_aging.json: x-coupa.buckets.61-90 must be an inclusive upper bound in days, "
                + "greater than the previous one");
    }

    @Test
    void agingDefaultsMustBeFilters() throws IOException {
        copyWith("invoices/invoice_aging.json", "\"defaults\": {\"paid\": false,", "\"defaults\": {\"unpaid\": true,");
        assertRefused("x-coupa.defaults.unpaid must name a filter argument");
    }

    @Test
    void agingFieldsMustProjectWhatTheFoldReads() throws IOException {
        copyWith("invoices/invoice_aging.json", "\"fields\": [\"id\", \"invoice-number\", \"net-due-date\",",
                "\"fields\": [\"id\", \"invoice-number\",");
        assertRefused("x-coupa.fields must include net-due-date (the fold reads net-due-date)");
    }

    @Test
    void agingGroupByMustMatchThePublishedEnum() throws IOException {
        copyWith("invoices/invoice_aging.json", "\"groupBy\": {\"supplier\":", "\"groupBy\": {\"vendor\":");
        assertRefused("x-coupa.groupBy must match inputSchema.group_by.enum [supplier] (names and order), with a top "
                + "property exactly when there is one, got [vendor]");
    }

    @Test
    void backlogDocumentsMustMatchThePublishedEnum() throws IOException {
        copyWith("invoices/approval_backlog.json", "\"enum\": [\"both\", \"invoice\", \"requisition\"]",
                "\"enum\": [\"both\", \"invoice\", \"order\"]");
        assertRefused("x-coupa.documents must match inputSchema.document_type.enum [both, invoice, order]");
    }

    @Test
    void backlogDocumentsNeedEveryKey() throws IOException {
        copyWith("invoices/approval_backlog.json", "\"number\": \"req-title\",", "");
        assertRefused("x-coupa.documents.requisition must set exactly");
    }
}
