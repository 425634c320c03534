package dev.nnc.runtime.train;

import dev.nnc.api.FloatNetwork;

/**
 * Loss, accuracy and the confusion matrix of a network on labelled samples, in eval
 * mode (dropout off), in batches of at most the network's maxBatch.
 *
 * @param confusion {@code confusion[actual][predicted]} counts
 */
public record Evaluation(double loss, double accuracy, long[][] confusion, int n) {

    public static Evaluation of(FloatNetwork net, Samples data) {
        boolean wasTraining = net.isTraining();
        net.setTraining(false);
        int k = net.outputSize(), size = data.size(), batch = net.maxBatch();
        long[][] confusion = new long[k][k];
        float[] x = new float[batch * size];
        int[] y = new int[batch];
        Targets targets = new Targets(net);
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < data.n(); start += batch) {
            int m = Math.min(batch, data.n() - start);
            for (int s = 0; s < m; s++) data.copyInput(start + s, x, s * size);
            System.arraycopy(data.labels(), start, y, 0, m);
            float[] out = net.forward(x, m);
            lossSum += targets.loss(y, m) * m;
            for (int s = 0; s < m; s++) {
                int predicted = argmax(out, s * k, k);
                confusion[y[s]][predicted]++;
                if (predicted == y[s]) correct++;
            }
        }
        net.setTraining(wasTraining);
        return new Evaluation(lossSum / data.n(), (double) correct / data.n(), confusion, data.n());
    }

    static int argmax(float[] values, int offset, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) if (values[offset + j] > values[offset + best]) best = j;
        return best;
    }
}
