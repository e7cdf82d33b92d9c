package io.github.coupamcp.tools;

import java.util.List;

/** Arguments a tool cannot run with; each problem names the argument and what is expected. */
public final class InvalidArgumentsException extends RuntimeException {
    private final List<String> problems;

    public InvalidArgumentsException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidArgumentsException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
