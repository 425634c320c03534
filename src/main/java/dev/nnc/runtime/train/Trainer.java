package dev.nnc.runtime.train;

import dev.nnc.api.FloatNetwork;
import dev.nnc.api.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training loop: seeded shuffling into mini-batches, one optimizer step per batch,
 * evaluation on the validation and test sets after every epoch, early stopping on the
 * validation loss with the best weights restored. Deterministic: the order of epoch e
 * depends only on the seed and e, and dropout draws from the network's own generator,
 * so the same seed gives the same history, and a resumed run the same parameters.
 */
public final class Trainer {
    private final FloatNetwork net;
    private final Settings settings;
    private final Samples train;
    private final Samples validation;
    private final Samples test;
    private final Listener listener;

    /**
     * @param all  the training set (normalized); the validation split is taken from it
     * @param test the test set (normalized)
     */
    public Trainer(FloatNetwork net, Settings settings, Samples all, Samples test, Listener listener) {
        if (net.maxBatch() < settings.batch()) {
            throw new IllegalArgumentException("the network holds batches of " + net.maxBatch() + ", the run needs " + settings.batch());
        }
        this.net = net;
        this.settings = settings;
        this.test = test;
        this.listener = listener;
        Samples limited = settings.limit().isPresent() && settings.limit().getAsInt() < all.n()
                ? all.pick(identity(all.n()), 0, settings.limit().getAsInt()) : all;
        int valCount = settings.split(all.n()).validation();
        if (valCount > 0) {
            // A fixed, seeded choice of validation samples, the same for every epoch and on resume.
            int[] order = permutation(limited.n(), new Rng(settings.seed() ^ 0x5EED_0F_7A1DL));
            this.validation = limited.pick(order, 0, valCount);
            this.train = limited.pick(order, valCount, limited.n() - valCount);
        } else {
            this.validation = null;
            this.train = limited;
        }
    }

    public Samples trainingSamples() { return train; }

    public java.util.Optional<Samples> validationSamples() { return java.util.Optional.ofNullable(validation); }

    /** Trains from {@code state} (fresh, or restored from a checkpoint) to the last epoch. */
    public TrainingState run(TrainingState state) {
        List<EpochRecord> history = new ArrayList<>(state.history());
        double bestLoss = state.bestValLoss();
        int bestEpoch = state.bestEpoch();
        float[] bestParams = state.bestParams();
        int size = train.size(), batch = settings.batch();
        float[] x = new float[batch * size];
        int[] y = new int[batch];
        int k = net.outputSize();
        Targets targets = new Targets(net);

        double firstLoss = Double.NaN; // of epoch 1's first batch: the yardstick of divergence in epoch 1
        int last = state.stoppedEarly(settings, validation != null) ? state.epochsDone() : settings.epochs(); // a resumed run that had stopped stays stopped
        for (int epoch = state.epochsDone() + 1; epoch <= last; epoch++) {
            int[] order = settings.shuffle() ? permutation(train.n(), new Rng(settings.seed() * 1_000_003L + epoch)) : identity(train.n());
            int batches = (train.n() + batch - 1) / batch;
            listener.epochStarted(epoch, settings.epochs(), batches, train.n());
            net.setTraining(true);
            long started = System.nanoTime();
            double lossSum = 0;
            long correct = 0;
            int seen = 0;
            GradientNorms norms = new GradientNorms(net, batches);
            for (int b = 0; b < batches; b++) {
                int m = Math.min(batch, train.n() - b * batch);
                for (int i = 0; i < m; i++) {
                    int sample = order[b * batch + i];
                    train.copyInput(sample, x, i * size);
                    y[i] = train.labels()[sample];
                }
                net.zeroGrad();
                float[] out = net.forward(x, m);
                double loss = targets.loss(y, m);
                if (!Double.isFinite(loss)) {
                    throw new NonFiniteLossException(epoch, b + 1, firstNonFiniteLayer(m), loss);
                }
                for (int i = 0; i < m; i++) if (Evaluation.argmax(out, i * k, k) == y[i]) correct++;
                targets.backward(y, m);
                norms.afterBackward(b, net.grads());
                net.step();
                if (Double.isNaN(firstLoss)) firstLoss = loss;
                lossSum += loss * m;
                seen += m;
                listener.batchDone(b + 1, seen, lossSum / seen, (double) correct / seen);
            }
            // Checked per epoch, not per batch: a run that is heading for NaN gets the NaN
            // report, which names the first layer that overflowed.
            // Later epochs are measured against epoch 1's mean loss, which a checkpoint keeps: a
            // resumed run must stop (or not) where the uninterrupted one does.
            double yardstick = epoch == 1 || history.isEmpty() ? firstLoss : history.get(0).trainLoss();
            if (seen > 0 && lossSum / seen > NonFiniteLossException.GROWTH * Math.max(yardstick, 1)) {
                throw NonFiniteLossException.grew(epoch, batches, lossSum / seen, yardstick);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Evaluation val = validation == null ? null : Evaluation.of(net, validation);
            Evaluation onTest = Evaluation.of(net, test);
            EpochRecord record = new EpochRecord(epoch, lossSum / seen, (double) correct / seen,
                    val == null ? Double.NaN : val.loss(), val == null ? Double.NaN : val.accuracy(),
                    onTest.loss(), onTest.accuracy(), seconds, seen / seconds, norms.means());
            history.add(record);

            boolean stop = false;
            if (settings.earlyStop().isPresent() && val != null) {
                if (val.loss() < bestLoss) {
                    bestLoss = val.loss();
                    bestEpoch = epoch;
                    bestParams = net.params().clone();
                } else if (epoch - bestEpoch >= settings.earlyStop().getAsInt()) {
                    stop = true;
                }
            }
            TrainingState now = new TrainingState(epoch, history, bestLoss, bestEpoch, bestParams);
            listener.epochDone(record, now);
            if (stop) {
                listener.stoppedEarly(epoch, bestEpoch);
                break;
            }
        }
        if (bestParams != null) net.setParams(bestParams);
        return new TrainingState(history.isEmpty() ? 0 : history.get(history.size() - 1).epoch(), history, bestLoss, bestEpoch, bestParams);
    }

    /** The first layer, in order, whose output of the last forward holds NaN or ±∞. */
    private String firstNonFiniteLayer(int n) {
        List<String> names = net.layerNames();
        for (int i = 0; i < names.size(); i++) {
            float[] out = net.layerOutput(i);
            int end = n * net.layerSize(i);
            for (int j = 0; j < end; j++) {
                if (!Float.isFinite(out[j])) return names.get(i);
            }
        }
        return null;
    }

    static int[] identity(int n) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        return order;
    }

    /** Fisher–Yates with the project's generator: the same on every JVM. */
    static int[] permutation(int n, Rng rng) {
        int[] order = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
