package io.github.coupamcp.cli;

import picocli.CommandLine.IVersionProvider;

/** The version written into the jar's manifest by the build; "dev" when run from classes. */
public final class Version implements IVersionProvider {
    public static String current() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"coupa-mcp " + current()};
    }
}
