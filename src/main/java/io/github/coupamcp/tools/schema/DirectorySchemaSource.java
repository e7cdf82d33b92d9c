package io.github.coupamcp.tools.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads a {@code tools-schema/} folder on disk: every {@code <toolset>/<tool>.json} outside {@code _fragments}. */
public final class DirectorySchemaSource implements SchemaSource {
    private final Path root;

    public DirectorySchemaSource(Path root) {
        this.root = root;
    }

    @Override
    public List<String> toolFiles() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".json") && p.indexOf('/') > 0 && !p.startsWith(FRAGMENTS + "/"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    @Override
    public Optional<String> read(String relativePath) {
        Path file = root.resolve(relativePath).normalize();
        if (!file.startsWith(root.normalize()) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
