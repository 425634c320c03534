package dev.nnc.api.simd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of one network: {@link #run} splits a range of samples (or rows) into one
 * contiguous part per thread, runs the first part on the caller and waits for the rest.
 * Every part writes its own rows and sums in a fixed order, so results do not depend on
 * the number of threads.
 *
 * <p>A parallel region of a small network lasts some microseconds, far less than parking
 * and waking a thread costs, so idle workers first spin for a while (about 0.2 ms) and
 * only then park. Workers are daemon threads: a network that is never closed does not
 * keep the JVM alive.
 */
public final class Workers {
    /** One part of a parallel loop: items {@code [from, to)} of a batch of {@code n} samples. */
    @FunctionalInterface
    public interface Range {
        void run(int n, int from, int to);
    }

    /**
     * Below this many floating-point operations (some 25 µs on one core) a region runs on the
     * caller alone. Sharing costs more than the wake-up: the other core must fetch the data
     * the region reads and writes, and the next region on the caller fetch it back. With
     * 200,000 here, MlpSmall trained at 150,000–220,000 samples/s on two threads against
     * 470,000 on one (its optimizer step over 13,002 parameters took twice as long shared).
     */
    static final long MIN_PARALLEL_WORK = 1_000_000;
    private static final long SPIN_NANOS = 200_000;

    private final int threads;
    private final Thread[] workers;
    private volatile long generation;
    private volatile boolean closed;
    private final AtomicInteger pending = new AtomicInteger();
    private Range task;
    private int items, batch;
    private volatile Throwable failure;
    /** The thread in {@link #run}: a second one would wait for parts the first one's workers never run (it hung for good). */
    private final java.util.concurrent.atomic.AtomicReference<Thread> caller = new java.util.concurrent.atomic.AtomicReference<>();

    private Workers(int threads) {
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int w = 1; w < threads; w++) {
            int part = w;
            Thread t = new Thread(() -> work(part), "nnc-worker-" + w);
            t.setDaemon(true);
            workers[w - 1] = t;
            t.start();
        }
    }

    /** {@code threads} threads in all, the caller's included; 1 runs everything on the caller. */
    public static Workers of(int threads) {
        dev.nnc.api.BatchChecks.threads(threads);
        return new Workers(threads);
    }

    public int threads() { return threads; }

    /**
     * Runs {@code task} over items {@code [0, n)} for a batch of {@code batch} samples: on
     * the caller alone when the work ({@code n · costPerItem} operations) is too small to
     * share, else in one part per thread.
     */
    public void run(int n, long costPerItem, int batch, Range task) {
        Thread me = Thread.currentThread();
        if (!caller.compareAndSet(null, me)) {
            Thread other = caller.get();
            throw new IllegalStateException("this network is in use by another thread" + (other != null ? " (" + other.getName() + ")" : "")
                    + ": a network is not thread-safe; give each thread a network of its own");
        }
        try {
            runAlone(n, costPerItem, batch, task);
        } finally {
            caller.set(null);
        }
    }

    private void runAlone(int n, long costPerItem, int batch, Range task) {
        if (threads == 1 || n < 2 || closed || (long) n * costPerItem < MIN_PARALLEL_WORK) {
            task.run(batch, 0, n);
            return;
        }
        this.task = task;
        this.items = n;
        this.batch = batch;
        pending.set(threads - 1);
        generation++; // publishes task and items to the workers
        for (Thread t : workers) LockSupport.unpark(t);
        Throwable own = null;
        try {
            task.run(batch, 0, end(0, n));
        } catch (Throwable t) {
            own = t;
        }
        awaitWorkers();
        this.task = null;
        Throwable theirs = failure;
        failure = null;
        if (own != null) sneakyThrow(own);
        if (theirs != null) sneakyThrow(theirs);
    }

    /**
     * Waits for the other parts: spinning at first, then yielding, so that on a busy machine
     * a worker the scheduler has set aside gets the CPU instead of this thread burning it.
     */
    private void awaitWorkers() {
        for (int spins = 0; pending.get() != 0; spins++) {
            if (spins < 2_000) Thread.onSpinWait();
            else Thread.yield();
        }
    }

    /** Where part {@code p} of {@code [0, n)} ends: parts differ in size by at most one. */
    private int end(int p, int n) {
        return (int) ((long) n * (p + 1) / threads);
    }

    private void work(int part) {
        long seen = 0;
        while (true) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            for (int spins = 0; generation == seen && !closed; spins++) {
                if (System.nanoTime() >= spinUntil) LockSupport.park(this);
                else if (spins < 2_000) Thread.onSpinWait();
                else Thread.yield();
            }
            if (closed) return;
            seen = generation;
            int n = items;
            try {
                task.run(batch, end(part - 1, n), end(part, n));
            } catch (Throwable t) {
                failure = t;
            } finally {
                pending.decrementAndGet();
            }
        }
    }

    /** Ends the worker threads; the caller may still {@link #run} on its own afterwards. */
    public void close() {
        closed = true;
        for (Thread t : workers) LockSupport.unpark(t);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}
