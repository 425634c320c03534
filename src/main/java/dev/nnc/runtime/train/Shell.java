package dev.nnc.runtime.train;

import java.util.regex.Pattern;

/** Words of a command line printed for a user to copy: quoted for a POSIX shell when they need it. */
public final class Shell {
    private Shell() {}

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    public static String quote(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
