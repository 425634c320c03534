package dev.nnc.runtime.data;

import java.util.Optional;

/**
 * A data file nnc cannot use, or data it cannot get: what is wrong (naming the file) and,
 * separately, what the user can do about it. {@link #getMessage()} joins the two, so a
 * caller that prints only the message still shows the way forward.
 */
public final class DataException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The kinds of trouble, so that callers and tests need not match on wording. */
    public enum Kind {
        MISSING,
        NOT_A_FILE,
        EMPTY,
        UNREADABLE,
        TRUNCATED,
        TRAILING_BYTES,
        BAD_MAGIC,
        BAD_DIMENSIONS,
        GZIP_CORRUPT,
        CHECKSUM_MISMATCH,
        COUNT_MISMATCH,
        FETCH_FAILED,
    }

    private final Kind kind;
    private final String problem;
    private final String help;

    public DataException(Kind kind, String problem, String help) {
        this(kind, problem, help, null);
    }

    public DataException(Kind kind, String problem, String help, Throwable cause) {
        super(problem + (help == null ? "" : "\nhelp: " + help), cause);
        this.kind = kind;
        this.problem = problem;
        this.help = help;
    }

    public Kind kind() {
        return kind;
    }

    /** One or more sentences saying what is wrong; the first names the file or directory. */
    public String problem() {
        return problem;
    }

    public Optional<String> help() {
        return Optional.ofNullable(help);
    }

    /** The same problem with advice that fits where the file came from. */
    public DataException withHelp(String newHelp) {
        DataException e = new DataException(kind, problem, newHelp, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }
}
