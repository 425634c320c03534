package dev.nnc.runtime.train;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.ToDoubleFunction;

/**
 * The loss and accuracy curves of a run as one PNG: a header with the model name and the
 * final test accuracy over two XChart panels side by side (loss; accuracy in %), with
 * train, validation and test series. Validation or test points that are NaN are left out,
 * and a series with no point at all is not drawn.
 */
public final class HistoryPlot {
    // Before the colours below: a java.awt.Color loads AWT, which then settles whether there is a screen ($DISPLAY),
    // and a stale $DISPLAY (an old `ssh -X` session) made drawing fail after the last epoch.
    static { Headless.prepare(); }

    public static final int WIDTH = 1200;
    public static final int HEIGHT = 500;
    static final int HEADER = 64;
    private static final int PANEL_TITLE = 28;

    /** Matplotlib's tab10 colours, the first three for train, validation and test. */
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    private static final Color TRAIN = PALETTE[0];
    private static final Color VALIDATION = PALETTE[1];
    private static final Color TEST = PALETTE[2];
    private static final Color INK = new Color(0x222222);
    private static final Color MUTED = new Color(0x666666);
    /** Beyond this many epochs the markers would merge into a thick line. */
    static final int MARKERS_UP_TO = 40;

    static {
        Headless.prepare();
    }

    private HistoryPlot() {}

    /** The PNG bytes of the curves of {@code history} (at least one epoch), whose last epoch's weights were kept. */
    public static byte[] png(List<EpochRecord> history, String modelName) {
        if (history.isEmpty()) throw new IllegalArgumentException("no epoch to plot");
        return png(history, modelName, OptionalInt.empty(), history.get(history.size() - 1).testAccuracy());
    }

    /**
     * The curves of a run whose weights are those of epoch {@code restored} when given (early
     * stopping restored its best), with {@code testAccuracy} the accuracy of the weights kept:
     * the header says it, and the accuracy panel marks that epoch.
     */
    public static byte[] png(List<EpochRecord> history, String modelName, OptionalInt restored, double testAccuracy) {
        if (history.isEmpty()) throw new IllegalArgumentException("no epoch to plot");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            header(g, history, modelName, restored, testAccuracy);
            XYChart loss = panel("loss", history, EpochRecord::trainLoss, EpochRecord::valLoss,
                    EpochRecord::testLoss, 1);
            loss.getStyler().setYAxisMin(0.0); // every loss nnc knows is ≥ 0: the curve's fall reads true
            loss.getStyler().setYAxisDecimalPattern("0.0##"); // "0.05", not XChart's ".05"
            XYChart accuracy = panel("accuracy (%)", history, EpochRecord::trainAccuracy,
                    EpochRecord::valAccuracy, EpochRecord::testAccuracy, 100);
            accuracy.getStyler().setYAxisDecimalPattern("0.0"); // one decimal on every tick: not 12 beside 12.5
            restored.ifPresent(epoch -> history.stream().filter(r -> r.epoch() == epoch && Double.isFinite(r.testAccuracy())).findFirst()
                    .ifPresent(r -> {
                        XYSeries kept = accuracy.addSeries("kept (epoch " + epoch + ")", new double[] {epoch},
                                new double[] {100 * r.testAccuracy()});
                        kept.setMarker(SeriesMarkers.CIRCLE);
                        kept.setMarkerColor(INK);
                        kept.setLineStyle(new BasicStroke(0f));
                        kept.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    }));
            panelTitle(g, "Loss", 0);
            panelTitle(g, "Accuracy", WIDTH / 2);
            g.drawImage(BitmapEncoder.getBufferedImage(loss), 0, HEADER + PANEL_TITLE, null);
            g.drawImage(BitmapEncoder.getBufferedImage(accuracy), WIDTH / 2, HEADER + PANEL_TITLE, null);
        } finally {
            g.dispose();
        }
        return encode(image);
    }

    /** The PNG bytes of an image drawn in memory. */
    static byte[] encode(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a PNG in memory failed", e);
        }
    }

    private static void header(Graphics2D g, List<EpochRecord> history, String modelName, OptionalInt restored, double testAccuracy) {
        header(g, modelName, subtitle(history, history.get(history.size() - 1), restored, testAccuracy), WIDTH);
    }

    /** The model name in bold, a subtitle beside it, and a rule under both, across an image {@code width} wide. */
    static void header(Graphics2D g, String modelName, String subtitle, int width) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        g.drawString(modelName, 24, 34);
        int x = 24 + g.getFontMetrics().stringWidth(modelName) + 16;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 17));
        g.setColor(MUTED);
        g.drawString(subtitle, x, 34);
        g.setColor(new Color(0xdddddd));
        g.drawLine(24, HEADER - 12, width - 24, HEADER - 12);
    }

    static String subtitle(List<EpochRecord> history, EpochRecord last) {
        return subtitle(history, last, OptionalInt.empty(), last.testAccuracy());
    }

    static String subtitle(List<EpochRecord> history, EpochRecord last, OptionalInt restored, double testAccuracy) {
        double seconds = history.stream().mapToDouble(EpochRecord::seconds).sum();
        String test = Double.isNaN(testAccuracy) ? "no test set" : String.format(Locale.ROOT, "test accuracy %.2f%%", 100 * testAccuracy);
        String kept = restored.isPresent() ? String.format(Locale.ROOT, " with the weights of epoch %d", restored.getAsInt()) : "";
        return String.format(Locale.ROOT, "%s%s after %d epoch%s · %s training", test, kept, last.epoch(),
                last.epoch() == 1 ? "" : "s", duration(seconds));
    }

    /** 8.4 s; a minute and more as 1:15 or 1:02:03. */
    public static String duration(double seconds) {
        return seconds < 59.95 ? String.format(Locale.ROOT, "%.1f s", seconds) : Progress.clockTime(seconds);
    }

    /**
     * Drawn here rather than by XChart, which centres a title on its glyphs' bounds, so that
     * "Loss" and "Accuracy" (with a descender) would not share a baseline.
     */
    private static void panelTitle(Graphics2D g, String title, int left) {
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        int width = g.getFontMetrics().stringWidth(title);
        g.drawString(title, left + (WIDTH / 2 - width) / 2, HEADER + PANEL_TITLE - 6);
    }

    private static XYChart panel(String yTitle, List<EpochRecord> history,
                                 ToDoubleFunction<EpochRecord> train, ToDoubleFunction<EpochRecord> validation,
                                 ToDoubleFunction<EpochRecord> test, double scale) {
        XYChart chart = new XYChartBuilder().width(WIDTH / 2).height(HEIGHT - HEADER - PANEL_TITLE)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        style(chart, history);
        boolean markers = history.size() <= MARKERS_UP_TO;
        series(chart, "train", history, train, scale, TRAIN, markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        series(chart, "validation", history, validation, scale, VALIDATION, markers ? SeriesMarkers.DIAMOND : SeriesMarkers.NONE);
        series(chart, "test", history, test, scale, TEST, markers ? SeriesMarkers.SQUARE : SeriesMarkers.NONE);
        return chart;
    }

    private static void series(XYChart chart, String name, List<EpochRecord> history, ToDoubleFunction<EpochRecord> value,
                               double scale, Color color, Marker marker) {
        double[][] points = history.stream()
                .filter(r -> Double.isFinite(value.applyAsDouble(r)))
                .map(r -> new double[] {r.epoch(), scale * value.applyAsDouble(r)})
                .toArray(double[][]::new);
        if (points.length == 0) return;
        double[] x = new double[points.length], y = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            x[i] = points[i][0];
            y[i] = points[i][1];
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(marker);
        s.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    static void style(XYChart chart, List<EpochRecord> history) {
        var s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(new Color(0xe6e6e6));
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setPlotGridVerticalLinesVisible(false);
        s.setChartFontColor(INK);
        s.setChartTitleVisible(false);
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsColor(MUTED);
        s.setAxisTickMarksColor(new Color(0xbbbbbb));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        // Below the plot, in one row: a legend inside would hide a curve sooner or later.
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setMarkerSize(8);
        s.setChartPadding(16);
        s.setAntiAlias(true);
        s.setLocale(Locale.ROOT);
        // Epochs are whole numbers: only integer ticks get a label (XChart may put ticks at halves).
        // A long run's axis starts at 0 so that the ticks fall on multiples of their step, not on 1, 5, 9.
        if (history.size() > 20) s.setXAxisMin(0.0);
        s.setxAxisTickLabelsFormattingFunction(x -> Math.abs(x - Math.rint(x)) < 1e-9 ? String.valueOf(Math.round(x)) : "");
    }
}
