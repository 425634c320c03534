package dev.nnc.runtime.train;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The gradient norms of a run as a PNG: one curve per weight tensor, by epoch, on a
 * logarithmic scale, first layer first. Curves lying decades apart are the vanishing (or
 * exploding) gradients of the study notes; a norm of exactly zero (a layer that no longer
 * learns) has no place on a log scale and is named in the legend instead.
 */
public final class GradientPlot {
    // Before the colours below: a java.awt.Color loads AWT, which then settles whether there is a screen ($DISPLAY),
    // and a stale $DISPLAY (an old `ssh -X` session) made drawing fail after the last epoch.
    static { Headless.prepare(); }

    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;

    static {
        Headless.prepare();
    }

    private GradientPlot() {}

    /**
     * The PNG bytes, or empty when no epoch of {@code history} has gradient norms (all from a
     * checkpoint older than them); {@code restored}: the epoch whose weights early stopping kept.
     */
    public static Optional<byte[]> png(List<EpochRecord> history, String modelName, OptionalInt restored) {
        List<String> tensors = HistoryFiles.tensors(history);
        if (tensors.isEmpty()) return Optional.empty();
        // XChart labels a logarithmic axis at powers of ten only, often one label or none for norms
        // within a decade: the curves are drawn as log10 on a plain axis, whose ticks are labelled
        // with the norms they stand for (0.1, 0.32, 1, ...). Zeros have no logarithm; when nothing
        // else is there, a plain axis shows them.
        boolean logarithmic = history.stream().flatMap(r -> r.gradientNorms().values().stream()).anyMatch(v -> v > 0 && Double.isFinite(v));
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT - HistoryPlot.HEADER).xAxisTitle("epoch")
                .yAxisTitle("mean L2 norm of d loss / d W" + (logarithmic ? " (log scale)" : "")).build();
        HistoryPlot.style(chart, history);
        if (logarithmic) {
            chart.getStyler().setyAxisTickLabelsFormattingFunction(GradientPlot::norm);
        } else {
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(1.0);
        }
        boolean markers = history.size() <= HistoryPlot.MARKERS_UP_TO;
        for (int t = 0; t < tensors.size(); t++) {
            String tensor = tensors.get(t);
            List<double[]> points = new ArrayList<>();
            boolean zero = false;
            for (EpochRecord r : history) {
                Double norm = r.gradientNorms().get(tensor);
                if (norm == null || !Double.isFinite(norm)) continue;
                if (!logarithmic) points.add(new double[] {r.epoch(), norm});
                else if (norm > 0) points.add(new double[] {r.epoch(), Math.log10(norm)});
                else zero = true;
            }
            String name = !zero ? tensor : tensor + (points.isEmpty() ? " (0: not drawn)" : " (0 at times: not drawn)");
            Color color = HistoryPlot.PALETTE[t % HistoryPlot.PALETTE.length];
            XYSeries s = points.isEmpty() // a legend entry only: the news is that it is zero
                    ? chart.addSeries(name, new double[] {history.get(0).epoch()}, new double[] {Double.NaN})
                    : chart.addSeries(name, points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray());
            s.setLineColor(color);
            s.setMarkerColor(color);
            s.setMarker(markers && !points.isEmpty() ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            s.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            String kept = restored.isPresent() ? "; early stopping kept epoch " + restored.getAsInt() + "'s weights" : "";
            HistoryPlot.header(g, modelName, "gradient of each layer's weights, by epoch" + kept, WIDTH);
            g.drawImage(BitmapEncoder.getBufferedImage(chart), 0, HistoryPlot.HEADER, null);
        } finally {
            g.dispose();
        }
        return Optional.of(HistoryPlot.encode(image));
    }

    /**
     * A tick of the log10 axis as the norm it stands for, to three digits (ticks a twentieth of a
     * decade apart differ in the third): 0.1, 0.316, 1.26, 0.00316, 3.16e-6.
     */
    static String norm(double log10) {
        double v = Math.pow(10, log10);
        if (v >= 1e-3 && v < 1e5) {
            return new BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.2e", v).replaceAll("\\.?0+e", "e").replace("e-0", "e-").replace("e+0", "e").replace("e+", "e");
    }
}
