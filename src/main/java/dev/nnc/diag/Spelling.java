package dev.nnc.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The closest known word to a misspelt one, by edit distance with adjacent transpositions
 * ({@code rleu} finds {@code relu}, {@code trian} finds {@code train}): what the checker's
 * "did you mean" and the command line's share.
 */
public final class Spelling {
    private Spelling() {}

    /** The known word nearest to {@code word}, if near enough for its length to be a slip (or {@code word} a prefix of it). */
    public static Optional<String> closest(String word, Collection<String> known) {
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(lower, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        if (best != null && bestDistance <= threshold(word.length())) return Optional.of(best);
        // A prefix such as `max` for `maxpool2d`.
        for (String k : known) {
            if (lower.length() >= 3 && k.startsWith(lower)) return Optional.of(k);
        }
        return Optional.empty();
    }

    private static int threshold(int length) {
        return length <= 3 ? 1 : length <= 6 ? 2 : 3;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
