package dev.nnc.runtime.train;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A confusion matrix, {@code counts[actual][predicted]}, as the files a person reads:
 * CSV, an aligned text table with each class's recall and precision and the overall
 * accuracy, and a heat map. Classes are named by their index, as the labels are.
 */
public record ConfusionReport(long[][] counts) {

    public ConfusionReport {
        for (long[] row : counts) {
            if (row.length != counts.length) {
                throw new IllegalArgumentException("a confusion matrix is square; got a row of " + row.length
                        + " among " + counts.length + " rows");
            }
        }
    }

    public int classes() { return counts.length; }

    public long total() {
        long n = 0;
        for (long[] row : counts) for (long c : row) n += c;
        return n;
    }

    public long correct() {
        long n = 0;
        for (int i = 0; i < counts.length; i++) n += counts[i][i];
        return n;
    }

    /** Correct over total; NaN for an empty matrix. */
    public double accuracy() { return ratio(correct(), total()); }

    /** Of the samples of class {@code k}, the fraction predicted as {@code k}; NaN if there were none. */
    public double recall(int k) {
        long actual = 0;
        for (long c : counts[k]) actual += c;
        return ratio(counts[k][k], actual);
    }

    /** Of the samples predicted as {@code k}, the fraction that were {@code k}; NaN if none was. */
    public double precision(int k) {
        long predicted = 0;
        for (long[] row : counts) predicted += row[k];
        return ratio(counts[k][k], predicted);
    }

    public String csv() {
        StringBuilder sb = new StringBuilder("actual\\predicted");
        for (int j = 0; j < classes(); j++) sb.append(',').append(j);
        sb.append('\n');
        for (int i = 0; i < classes(); i++) {
            sb.append(i);
            for (long c : counts[i]) sb.append(',').append(c);
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * <pre>
     * actual \ predicted      0      1  …   total  recall
     *                  0    970      1  …     980  98.98%
     *          precision 98.68% 99.12%
     * accuracy 97.84% (9,784 of 10,000)
     * </pre>
     */
    public String text() {
        String corner = "actual \\ predicted";
        int cell = 8; // room for " 100.00%"
        for (long[] row : counts) for (long c : row) cell = Math.max(cell, String.format(Locale.ROOT, "%,d", c).length() + 1);
        int totalWidth = Math.max(8, String.format(Locale.ROOT, "%,d", total()).length() + 2);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%" + corner.length() + "s", corner));
        for (int j = 0; j < classes(); j++) sb.append(pad(String.valueOf(j), cell));
        sb.append(pad("total", totalWidth)).append(pad("recall", 9)).append('\n');
        for (int i = 0; i < classes(); i++) {
            sb.append(pad(String.valueOf(i), corner.length()));
            long rowTotal = 0;
            for (long c : counts[i]) {
                sb.append(pad(String.format(Locale.ROOT, "%,d", c), cell));
                rowTotal += c;
            }
            sb.append(pad(String.format(Locale.ROOT, "%,d", rowTotal), totalWidth)).append(pad(percent(recall(i)), 9)).append('\n');
        }
        sb.append(pad("precision", corner.length()));
        for (int j = 0; j < classes(); j++) sb.append(pad(percent(precision(j)), cell));
        sb.append("\n\n");
        sb.append(String.format(Locale.ROOT, "accuracy %s (%,d of %,d)\n", percent(accuracy()), correct(), total()));
        return sb.toString();
    }

    /** The PNG of a heat map: actual classes down, predicted across, each cell with its count. */
    public byte[] png() {
        Headless.prepare();
        int k = classes();
        int side = Math.max(480, Math.min(1000, 160 + 56 * k));
        HeatMapChart chart = new HeatMapChartBuilder().width(side).height(side + 40)
                .title(String.format(Locale.ROOT, "Confusion matrix · accuracy %s", percent(accuracy())))
                .xAxisTitle("predicted").yAxisTitle("actual").build();
        HeatMapStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendVisible(false);
        s.setShowValue(k <= 20);
        s.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, k <= 10 ? 13 : 10));
        // The darkest blue stays light enough for black figures.
        s.setHeatMapValueDecimalPattern("#,##0");
        s.setValueFontColor(new Color(0x111111));
        s.setRangeColors(new Color[] {Color.WHITE, new Color(0xdeebf7), new Color(0x9ecae1), new Color(0x4292c6)});
        // On one linear scale the diagonal's thousands leave every mistake white. The scale ends at twice
        // the largest mistake: mistakes show by how many, the diagonal (past the end) in the darkest blue.
        long mistakes = 0, most = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                most = Math.max(most, counts[i][j]);
                if (i != j) mistakes = Math.max(mistakes, counts[i][j]);
            }
        }
        s.setMin(0);
        s.setMax(mistakes > 0 ? Math.min(most, 2 * mistakes) : Math.max(1, most));
        s.setPlotGridLinesVisible(false);
        s.setPlotContentSize(1.0); // the cells fill the plot: XChart's default 0.92 left an empty band under the last row
        s.setDrawBorder(true);
        s.setAntiAlias(true);
        // XChart puts the first y category at the bottom; a confusion matrix reads from the top.
        List<Integer> classes = new ArrayList<>(), upward = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            classes.add(i);
            upward.add(k - 1 - i);
        }
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) cells.add(new Number[] {j, k - 1 - i, counts[i][j]});
        }
        chart.addSeries("confusion", classes, upward, cells);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a PNG in memory failed", e);
        }
    }

    private static String pad(String s, int width) {
        return " ".repeat(Math.max(1, width - s.length())) + s;
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }
}
