package dev.nnc.syntax;

/**
 * ANTLR counts code points; Java strings count UTF-16 units. They differ only past
 * the Basic Multilingual Plane (emoji and the like), so the table is built only then.
 */
final class Offsets {
    private final int[] charIndexOfCodePoint;

    Offsets(String text) {
        boolean hasSurrogates = text.chars().anyMatch(c -> Character.isSurrogate((char) c));
        if (!hasSurrogates) {
            charIndexOfCodePoint = null;
            return;
        }
        int count = text.codePointCount(0, text.length());
        charIndexOfCodePoint = new int[count + 1];
        int ci = 0;
        for (int cp = 0; cp < count; cp++) {
            charIndexOfCodePoint[cp] = ci;
            ci += Character.charCount(text.codePointAt(ci));
        }
        charIndexOfCodePoint[count] = ci;
    }

    int toChar(int codePointIndex) {
        if (charIndexOfCodePoint == null || codePointIndex < 0) return Math.max(0, codePointIndex);
        return charIndexOfCodePoint[Math.min(codePointIndex, charIndexOfCodePoint.length - 1)];
    }
}
