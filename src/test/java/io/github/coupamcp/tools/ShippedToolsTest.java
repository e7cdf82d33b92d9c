package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.tools.schema.ClasspathSchemaSource;
import io.github.coupamcp.tools.schema.ToolSchemaLoader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ShippedToolsTest {
    @Test
    void theShippedToolsAreParsedOnceAndAreWhatAFreshParseReads() {
        ShippedTools.prepare(); // a head start racing the calls below must not parse twice or give another answer
        List<ToolSpec> first = ShippedTools.specs();
        List<ToolSpec> fresh = ToolSchemaLoader.load(new ClasspathSchemaSource());
        assertThat(first).extracting(ToolSpec::name).containsExactlyElementsOf(fresh.stream().map(ToolSpec::name)
                .toList());
        assertThat(first).extracting(s -> s.definition().inputSchema())
                .containsExactlyElementsOf(fresh.stream().map(s -> s.definition().inputSchema()).toList());
        assertThat(ShippedTools.specs()).isSameAs(first);
    }

    @Test
    void registriesWithDifferentSettingsShareTheParsedToolsAndStillNarrowThem() {
        ToolRegistry all = ToolRegistry.load(ToolSettings.builder().enabledToolsets(java.util.Set.of("all")).build());
        ToolRegistry readOnly = ToolRegistry.load(ToolSettings.builder().readOnly(true).build());
        assertThat(all.specs()).allMatch(s -> ShippedTools.specs().contains(s));
        assertThat(readOnly.specs()).isNotEmpty().allMatch(s -> s.definition().hints().readOnly());
        assertThat(all.specs().size()).isGreaterThan(readOnly.specs().size());
    }
}
