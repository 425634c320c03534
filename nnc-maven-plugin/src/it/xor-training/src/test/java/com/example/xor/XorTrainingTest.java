package com.example.xor;

import com.example.xor.nn.Xor;
import dev.nnc.api.FloatNetwork;
import dev.nnc.api.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trains the class generated from src/main/nn/xor.nn on noisy XOR, in memory. */
class XorTrainingTest {
    private static final int N = 200;

    /** Points scattered around the four corners; label 1 when exactly one coordinate is high. */
    private static final class Data {
        final float[] x = new float[N * 2];
        final int[] y = new int[N];

        Data(long seed) {
            Rng rng = new Rng(seed);
            for (int i = 0; i < N; i++) {
                int a = i % 2, b = (i / 2) % 2;
                x[2 * i] = (float) (a + 0.15 * rng.nextGaussian());
                x[2 * i + 1] = (float) (b + 0.15 * rng.nextGaussian());
                y[i] = a ^ b;
            }
        }
    }

    private static double accuracy(FloatNetwork net, Data d) {
        int right = 0;
        for (int i = 0; i < N; i++) {
            if (net.predictClass(new float[] {d.x[2 * i], d.x[2 * i + 1]}) == d.y[i]) right++;
        }
        return right / (double) N;
    }

    /** The mean loss over the data set, in batches of the network's size. */
    private static double loss(FloatNetwork net, Data d) {
        int batch = net.maxBatch();
        double sum = 0;
        for (int start = 0; start < N; start += batch) {
            float[] xs = java.util.Arrays.copyOfRange(d.x, 2 * start, 2 * (start + batch));
            int[] ys = java.util.Arrays.copyOfRange(d.y, start, start + batch);
            net.forward(xs, batch);
            sum += net.loss(ys, batch) * batch;
        }
        return sum / N;
    }

    @Test
    void theGeneratedModelLearnsXor() {
        Data train = new Data(1), test = new Data(2);
        Xor net = new Classifier().network();
        assertEquals("src/main/nn/xor.nn", net.sourceFile());
        assertEquals(2, net.inputSize());
        assertEquals(20, net.maxBatch(), "train(batch: 20) sizes the buffers");

        double lossBefore = loss(net, test), accuracyBefore = accuracy(net, test);
        int batch = net.maxBatch();
        float[] xs = new float[batch * 2];
        int[] ys = new int[batch];
        net.setTraining(true);
        for (int epoch = 0; epoch < 100; epoch++) {
            for (int start = 0; start < N; start += batch) {
                System.arraycopy(train.x, 2 * start, xs, 0, 2 * batch);
                System.arraycopy(train.y, start, ys, 0, batch);
                net.trainBatch(xs, ys, batch);
            }
        }
        net.setTraining(false);
        double lossAfter = loss(net, test), accuracyAfter = accuracy(net, test);
        System.out.printf("xor: test loss %.4f -> %.4f, test accuracy %.1f%% -> %.1f%%%n",
                lossBefore, lossAfter, 100 * accuracyBefore, 100 * accuracyAfter);

        assertTrue(lossAfter < lossBefore / 4, "loss " + lossBefore + " -> " + lossAfter);
        assertTrue(accuracyBefore < 0.8, "untrained, no better than a straight line: " + accuracyBefore);
        assertTrue(accuracyAfter >= 0.95, "trained: " + accuracyAfter);
    }

    @Test
    void theRuntimeApiComesAloneWithoutTheCompiler() {
        // The api jar's dependency declares exclusions: the compiler's libraries stay out.
        for (String name : new String[] {"org.antlr.v4.runtime.Lexer", "picocli.CommandLine", "dev.nnc.NncCompiler"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
        }
    }
}
