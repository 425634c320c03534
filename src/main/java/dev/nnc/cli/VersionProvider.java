package dev.nnc.cli;

import dev.nnc.common.NncVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code nnc --version}. */
public final class VersionProvider implements IVersionProvider {
    public static String version() {
        return NncVersion.get();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"nnc " + version()};
    }
}
