package dev.nnc.runtime.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfusionReportTest {
    // rows actual, columns predicted
    private final ConfusionReport report = new ConfusionReport(new long[][] {{5, 1, 0}, {0, 3, 1}, {2, 0, 8}});

    @Test
    void recallIsPerActualClassAndPrecisionPerPrediction() {
        assertEquals(5.0 / 6, report.recall(0));
        assertEquals(3.0 / 4, report.recall(1));
        assertEquals(5.0 / 7, report.precision(0));
        assertEquals(8.0 / 9, report.precision(2));
        assertEquals(16, report.correct());
        assertEquals(20, report.total());
        assertEquals(0.8, report.accuracy());
    }

    @Test
    void theTextTableIsAlignedAndComplete() {
        List<String> lines = report.text().lines().toList();
        assertEquals("actual \\ predicted       0       1       2   total   recall", lines.get(0));
        assertEquals("                 0       5       1       0       6   83.33%", lines.get(1));
        assertEquals("                 2       2       0       8      10   80.00%", lines.get(3));
        assertEquals("         precision  71.43%  75.00%  88.89%", lines.get(4));
        assertEquals("accuracy 80.00% (16 of 20)", lines.get(6));
        for (String line : lines.subList(0, 4)) assertEquals(lines.get(0).length(), line.length(), line);
    }

    @Test
    void aClassWithNoSamplesHasNoRecall() {
        ConfusionReport r = new ConfusionReport(new long[][] {{4, 0}, {0, 0}});
        assertTrue(Double.isNaN(r.recall(1)));
        assertTrue(Double.isNaN(r.precision(1)));
        assertTrue(r.text().lines().anyMatch(l -> l.endsWith(" n/a")), r.text());
    }

    @Test
    void largeCountsWidenTheColumns() {
        ConfusionReport r = new ConfusionReport(new long[][] {{12_345_678, 1}, {2, 3}});
        List<String> lines = r.text().lines().toList();
        assertTrue(lines.get(1).contains(" 12,345,678 "), lines.get(1));
        assertEquals(lines.get(0).length(), lines.get(2).length());
    }

    @Test
    void aMatrixMustBeSquare() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ConfusionReport(new long[][] {{1, 2}, {3}}));
        assertEquals("a confusion matrix is square; got a row of 1 among 2 rows", e.getMessage());
    }
}
