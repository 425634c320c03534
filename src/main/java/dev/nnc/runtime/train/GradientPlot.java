package dev.nnc.runtime.train;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gradient norms of a run as a PNG: one curve per weight tensor, by epoch, on a
 * logarithmic axis, first layer first. Curves lying decades apart are the vanishing (or
 * exploding) gradients of the study notes; a norm of exactly zero (a layer that no longer
 * learns) has no place on a log axis and is named in the legend instead.
 */
public final class GradientPlot {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;
    private static final int HEADER = 64;
    private static final Color INK = new Color(0x222222);
    private static final Color MUTED = new Color(0x666666);
    /** Matplotlib's tab10, as the curves' train/validation/test colours. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    static {
        Headless.prepare();
    }

    private GradientPlot() {}

    /** The PNG bytes, or empty when no epoch of {@code history} has gradient norms (all from a checkpoint older than them). */
    public static Optional<byte[]> png(List<EpochRecord> history, String modelName) {
        List<String> tensors = HistoryFiles.tensors(history);
        if (tensors.isEmpty()) return Optional.empty();
        // Zeros have no place on a log axis; when nothing else is there, a plain axis shows them.
        boolean logarithmic = history.stream().flatMap(r -> r.gradientNorms().values().stream()).anyMatch(v -> v > 0 && Double.isFinite(v));
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT - HEADER).xAxisTitle("epoch")
                .yAxisTitle("mean L2 norm of d loss / d W" + (logarithmic ? " (log scale)" : "")).build();
        HistoryPlot.style(chart, history);
        if (logarithmic) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisDecimalPattern("0.#E0"); // decades, as 1E-3 (a formatting function would make XChart space the ticks linearly)
        } else {
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(1.0);
        }
        boolean markers = history.size() <= 40;
        for (int t = 0; t < tensors.size(); t++) {
            String tensor = tensors.get(t);
            List<double[]> points = new ArrayList<>();
            boolean zero = false;
            for (EpochRecord r : history) {
                Double norm = r.gradientNorms().get(tensor);
                if (norm == null || !Double.isFinite(norm)) continue;
                if (norm > 0 || !logarithmic) points.add(new double[] {r.epoch(), norm});
                else zero = true;
            }
            String name = !zero ? tensor : tensor + (points.isEmpty() ? " (0: not drawn)" : " (0 at times: not drawn)");
            Color color = PALETTE[t % PALETTE.length];
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
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
            g.drawString(modelName, 24, 34);
            int x = 24 + g.getFontMetrics().stringWidth(modelName) + 16;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 17));
            g.setColor(MUTED);
            g.drawString("gradient of each layer's weights, by epoch", x, 34);
            g.setColor(new Color(0xdddddd));
            g.drawLine(24, HEADER - 12, WIDTH - 24, HEADER - 12);
            g.drawImage(BitmapEncoder.getBufferedImage(chart), 0, HEADER, null);
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return Optional.of(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a PNG in memory failed", e);
        }
    }
}
