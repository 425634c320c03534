package dev.nnc.runtime.bench;

import dev.nnc.api.FloatNetwork;
import dev.nnc.ir.Layer;
import dev.nnc.ir.Model;
import dev.nnc.runtime.Kernels;
import dev.nnc.runtime.Networks;
import dev.nnc.runtime.data.Dataset;
import dev.nnc.runtime.train.EpochRecord;
import dev.nnc.runtime.train.Listener;
import dev.nnc.runtime.train.Samples;
import dev.nnc.runtime.train.Settings;
import dev.nnc.runtime.train.Trainer;
import dev.nnc.runtime.train.TrainingState;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The figures the benchmark compares with PyTorch's reference, measured the same way:
 * training samples/s (median over the epochs after the first, the training pass only),
 * inference images/s at batch 1000 and batch 1 (median of repetitions over the test set),
 * GFLOP/s by the reference's convention (6 × the multiply-adds of the dense and conv layers
 * per trained sample, 2 × per inferred one), peak heap and peak resident memory.
 */
public final class Bench {
    private Bench() {}

    /** Untimed passes before timing, so that the JIT has compiled the freshly loaded class. */
    static final int WARMUP = 3;
    static final double WARMUP_SECONDS = 3;

    /** Multiply-adds of one forward pass of one sample, dense and conv layers only (as the reference counts). */
    public static long macs(Model m) {
        long macs = 0;
        for (Layer l : m.layers()) {
            if (l instanceof Layer.Dense d) macs += (long) d.inputs() * d.outputs();
            if (l instanceof Layer.Conv2d c) macs += (long) c.out().size() * c.inChannels() * c.kernelH() * c.kernelW();
        }
        return macs;
    }

    public static Map<String, Object> run(Model model, Dataset train, Dataset test, int epochs, int reps, Kernels kernels, int threads) {
        Settings defaults = Settings.of(model.training());
        Settings s = new Settings(defaults.batch(), epochs, 0, true, 0, OptionalInt.empty(),
                defaults.normalizeMean(), defaults.normalizeStd(), OptionalInt.empty());
        Samples trainSet = samples(train, s), testSet = samples(test, s);
        FloatNetwork net = Networks.floatNetwork(model, s.batch(), kernels);
        net.setThreads(threads);
        net.initialize(0);
        List<EpochRecord> history = new Trainer(net, s, trainSet, testSet, Listener.NONE).run(TrainingState.fresh()).history();
        double[] later = history.stream().skip(history.size() > 1 ? 1 : 0).mapToDouble(EpochRecord::seconds).sorted().toArray();
        double epochSeconds = median(later);
        long macs = macs(model);

        FloatNetwork big = Networks.floatNetwork(model, 1000, kernels);
        big.setThreads(threads);
        big.setParams(net.params());
        float[][] thousands = batches(testSet, 1000);
        warmUp(() -> infer(big, thousands, testSet.n(), 1000)); // a new class: let the JIT compile it first
        double[] batchSecs = new double[reps];
        for (int r = 0; r < reps; r++) batchSecs[r] = time(() -> infer(big, thousands, testSet.n(), 1000));
        double batchImages = testSet.n() / median(batchSecs);

        FloatNetwork one = Networks.floatNetwork(model, 1, kernels);
        one.setParams(net.params());
        int singles = Math.min(testSet.n(), 2000);
        Samples few = testSet.pick(identity(singles), 0, singles);
        float[][] ones = batches(few, 1);
        warmUp(() -> infer(one, ones, singles, 1));
        double[] oneSecs = new double[reps];
        for (int r = 0; r < reps; r++) oneSecs[r] = time(() -> infer(one, ones, singles, 1));
        double oneImages = singles / median(oneSecs);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("peer", "nnc");
        result.put("model", model.name());
        result.put("kernels", kernels.name().toLowerCase(java.util.Locale.ROOT));
        result.put("threads", threads);
        result.put("batch", s.batch());
        result.put("epochs_run", epochs);
        result.put("epoch_seconds_median_after_first", epochSeconds);
        result.put("samples_per_s_median", trainSet.n() / epochSeconds);
        result.put("gflops_median", 6.0 * macs * trainSet.n() / epochSeconds / 1e9);
        result.put("final_test_acc", history.get(history.size() - 1).testAccuracy());
        result.put("infer_images_per_s", batchImages);
        result.put("infer_gflops", 2.0 * macs * batchImages / 1e9);
        result.put("infer_batch1_images_per_s", oneImages);
        result.put("peak_heap_mb", peakHeap() / 1e6);
        result.put("peak_rss_mb", peakRss() / 1e6);
        result.put("epochs", history.stream().map(EpochRecord::seconds).toList());
        return result;
    }

    private static Samples samples(Dataset d, Settings s) {
        return Samples.of(d, s.normalizeMean(), s.normalizeStd());
    }

    /**
     * The inputs cut into batches before the clock starts, as the reference slices its test
     * tensor (a view, no copy): copying each batch of 1000 images (3.1 MB) in the timed loop
     * cost MlpSmall a third of its inference time.
     */
    private static float[][] batches(Samples data, int batch) {
        int size = data.size();
        float[][] out = new float[(data.n() + batch - 1) / batch][];
        for (int b = 0; b < out.length; b++) {
            int start = b * batch, m = Math.min(batch, data.n() - start);
            out[b] = new float[m * size];
            for (int s = 0; s < m; s++) data.copyInput(start + s, out[b], s * size);
        }
        return out;
    }

    private static void infer(FloatNetwork net, float[][] batches, int n, int batch) {
        for (int b = 0; b < batches.length; b++) net.forward(batches[b], Math.min(batch, n - b * batch));
    }

    /**
     * Runs {@code pass} at least {@link #WARMUP} times and for at least {@link #WARMUP_SECONDS}:
     * a network made for inference is a new class whose methods C2 compiles only after
     * thousands of calls, and three passes over the test set are 30 calls at batch 1000 (MlpSmall
     * measured 1.3 M images/s after them, 2.1–2.4 M once compiled).
     */
    private static void warmUp(Runnable pass) {
        long end = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
        for (int r = 0; r < WARMUP || System.nanoTime() < end; r++) pass.run();
    }

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    static double median(double[] sorted) {
        double[] v = sorted.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        return order;
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        return peak;
    }

    /** VmHWM of /proc/self/status: the most resident memory this process has had. */
    private static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
