package io.github.coupamcp.cli;

public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.err.println("coupa-mcp: not wired yet");
    }
}
