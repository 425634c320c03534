package dev.nnc.robustness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Random edits of a .nn file, mostly at the level of its tokens so that many mutants still
 * parse and reach the checker: delete, duplicate or swap tokens, change numbers, swap a
 * name for another name of the language, move or duplicate whole lines; and, rarely, edits
 * that only the lexer and parser see: truncation and random bytes. Deterministic per seed.
 */
final class Mutator {
    /** A mutated text and the edits that made it, for the failure message. */
    record Mutant(String text, List<String> edits) {}

    private static final Pattern TOKEN = Pattern.compile(
            "[A-Za-z_][A-Za-z0-9_]*|\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?|->|#[^\\n]*|//[^\\n]*|\\s+|.", Pattern.DOTALL);
    private static final String[] NUMBERS = {"0", "1", "-1", "2", "3", "0.5", "1e-9", "1e309", "99999999999",
            "2147483648", "2147483647", "65536", "7*7", "0.0", "-0", "1.5", "1000000"};
    private static final String[] NAMES = {"dense", "conv2d", "maxpool2d", "avgpool2d", "flatten", "dropout", "relu",
            "tanh", "sigmoid", "softmax", "step", "identity", "leaky_relu", "input", "loss", "optimizer", "train", "model",
            "mse", "sum_squares", "softmax_cross_entropy", "cross_entropy", "binary_cross_entropy", "bce_with_logits",
            "sgd", "momentum", "adagrad", "rmsprop", "adam", "kernel", "stride", "padding", "bias", "init", "weights",
            "lr", "mu", "rho", "eps", "beta1", "beta2", "weight_decay", "l1", "alpha", "rate", "batch", "epochs", "seed",
            "shuffle", "validation", "early_stop", "normalize", "true", "false", "he", "xavier", "zeros", "normal",
            "uniform", "image", "x", "h1"};
    private static final String[] PIECES = {"(", ")", "[", "]", "{", "}", ",", ":", "->", "*", "-", "\n", "\"", "é",
            "🚀", "\t", "\r", "\u0000", "\uFEFF", "\uD800"};

    private final String original;
    private final Random random;

    Mutator(String original, long seed) {
        this.original = original;
        this.random = new Random(seed);
    }

    Mutant next() {
        List<String> tokens = tokenize(original);
        List<String> edits = new ArrayList<>();
        for (int n = 1 + random.nextInt(3); n > 0; n--) edits.add(edit(tokens));
        String text = String.join("", tokens);
        if (random.nextInt(20) == 0) {
            int at = random.nextInt(text.length() + 1);
            text = text.substring(0, at);
            edits.add("truncate at " + at);
        }
        return new Mutant(text, edits);
    }

    private String edit(List<String> tokens) {
        int kind = random.nextInt(20);
        int i = visible(tokens);
        if (i < 0) return "nothing to edit";
        String token = tokens.get(i);
        if (kind < 3) {
            tokens.remove(i);
            return "delete `" + token + "`";
        } else if (kind < 5) {
            tokens.add(i, token + " ");
            return "duplicate `" + token + "`";
        } else if (kind < 7) {
            int j = visible(tokens);
            tokens.set(i, tokens.get(j));
            tokens.set(j, token);
            return "swap `" + token + "` and `" + tokens.get(i) + "`";
        } else if (kind < 12) {
            int at = pick(tokens, t -> Character.isDigit(t.charAt(0)));
            if (at < 0) return "no number";
            String old = tokens.get(at);
            String now = random.nextBoolean() ? NUMBERS[random.nextInt(NUMBERS.length)] : nearby(old);
            tokens.set(at, now);
            return "number `" + old + "` -> `" + now + "`";
        } else if (kind < 16) {
            int at = pick(tokens, t -> Character.isLetter(t.charAt(0)) || t.charAt(0) == '_');
            if (at < 0) return "no name";
            String old = tokens.get(at);
            String now = NAMES[random.nextInt(NAMES.length)];
            tokens.set(at, now);
            return "name `" + old + "` -> `" + now + "`";
        } else if (kind < 18) {
            return lines(tokens);
        } else if (kind < 19) {
            String piece = PIECES[random.nextInt(PIECES.length)];
            tokens.add(random.nextInt(tokens.size() + 1), piece);
            return "insert " + escape(piece);
        } else {
            StringBuilder bytes = new StringBuilder();
            for (int n = 1 + random.nextInt(8); n > 0; n--) bytes.append((char) random.nextInt(256));
            tokens.add(random.nextInt(tokens.size() + 1), bytes.toString());
            return "insert bytes " + escape(bytes.toString());
        }
    }

    /** Moves or duplicates a whole line (statements out of order, a layer twice). */
    private String lines(List<String> tokens) {
        List<String> lines = new ArrayList<>(List.of(String.join("", tokens).split("\n", -1)));
        int from = random.nextInt(lines.size()), to = random.nextInt(lines.size());
        String line = lines.get(from);
        String what;
        if (random.nextBoolean()) {
            lines.remove(from);
            what = "move line " + (from + 1) + " to " + (to + 1);
        } else {
            what = "duplicate line " + (from + 1) + " at " + (to + 1);
        }
        lines.add(Math.min(to, lines.size()), line);
        tokens.clear();
        tokens.addAll(tokenize(String.join("\n", lines)));
        return what;
    }

    private String nearby(String number) {
        try {
            long v = Long.parseLong(number);
            return String.valueOf(switch (random.nextInt(4)) {
                case 0 -> v + 1;
                case 1 -> v - 1;
                case 2 -> v * 2;
                default -> v / 2;
            });
        } catch (NumberFormatException e) {
            return number + "0";
        }
    }

    /** A random token that is not whitespace or a comment, or -1. */
    private int visible(List<String> tokens) {
        return pick(tokens, t -> !t.isBlank() && !t.startsWith("#") && !t.startsWith("//"));
    }

    private int pick(List<String> tokens, java.util.function.Predicate<String> which) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) if (!tokens.get(i).isEmpty() && which.test(tokens.get(i))) candidates.add(i);
        return candidates.isEmpty() ? -1 : candidates.get(random.nextInt(candidates.size()));
    }

    static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) tokens.add(m.group());
        return tokens;
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        return sb.toString();
    }
}
