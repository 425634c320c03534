package dev.nnc.runtime.train;

import javax.imageio.ImageIO;

/** How the run folder's pictures are drawn: without a screen, and without ImageIO's disk cache. */
final class Headless {
    private Headless() {}

    static {
        // A training run never needs a screen; without this, AWT may look for one.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        // The disk cache registers a shutdown hook per stream, which fails once the JVM is exiting: a
        // Ctrl-C while the final files are written (the interruption hook waits for them) lost the PNGs.
        ImageIO.setUseCache(false);
    }

    /** Runs the settings above once; call before drawing. */
    static void prepare() {}
}
