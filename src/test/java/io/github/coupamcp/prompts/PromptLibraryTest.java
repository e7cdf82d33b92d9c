package io.github.coupamcp.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PromptLibraryTest {
    @Test
    void indexNamesEveryPromptFileOfTheFolder() throws IOException {
        Path folder = Path.of("src/main/resources/prompts");
        List<String> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> !n.equals("index.json")).sorted().toList();
        }
        List<String> indexed = Json.MAPPER.readTree(Files.readString(folder.resolve("index.json")))
                .path("prompts").valueStream().map(n -> n.asString()).sorted().toList();
        assertThat(indexed).isEqualTo(files);
    }

    @Test
    void shippedPromptsLoadWithDescribedArguments() {
        List<PromptTemplate> prompts = PromptLibrary.load();
        assertThat(prompts).extracting(PromptTemplate::name).containsExactly("month_end_accrual_review",
                "invoice_exception_triage", "supplier_review", "approval_backlog_digest", "what_do_we_owe");
        prompts.forEach(p -> assertThat(p.arguments()).allSatisfy(a -> assertThat(a.description()).isNotBlank()));
    }

    @Test
    void aParagraphUsingAnUndeclaredArgumentFailsNamingTheFile() {
        var json = Json.MAPPER.readTree("{\"name\":\"p\",\"title\":\"P\",\"description\":\"d\","
                + "\"arguments\":[{\"name\":\"a\",\"description\":\"x\"}],\"paragraphs\":[\"uses {{b}}\"]}");
        assertThatThrownBy(() -> PromptLibrary.parse("p.json", json))
                .hasMessageContaining("prompts/p.json").hasMessageContaining("{{b}}");
    }

    @Test
    void aPromptWithoutParagraphsOrTitleIsRejected() {
        var noParagraphs = Json.MAPPER.readTree("{\"name\":\"p\",\"title\":\"P\",\"description\":\"d\"}");
        assertThatThrownBy(() -> PromptLibrary.parse("p.json", noParagraphs)).hasMessageContaining("paragraph");
        var noTitle = Json.MAPPER.readTree("{\"name\":\"p\",\"description\":\"d\",\"paragraphs\":[\"x\"]}");
        assertThatThrownBy(() -> PromptLibrary.parse("p.json", noTitle)).hasMessageContaining("\"title\"");
    }
}
