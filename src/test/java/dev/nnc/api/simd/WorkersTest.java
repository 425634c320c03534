package dev.nnc.api.simd;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A --vector network shared by two threads hung both for good (each waited for parts the other's run had
 * taken): the second caller now gets an exception that says why (an embedder's review).
 */
class WorkersTest {
    @Test
    void aSecondThreadInRunIsRefusedNotLeftHanging() throws Exception {
        for (int threads : new int[] {1, 2}) {
            Workers workers = Workers.of(threads);
            CountDownLatch inside = new CountDownLatch(1), release = new CountDownLatch(1);
            Thread first = new Thread(() -> workers.run(1, 1, 1, (n, from, to) -> {
                inside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }), "first-caller");
            first.start();
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> workers.run(1, 1, 1, (n, from, to) -> { }));
            assertEquals("this network is in use by another thread (first-caller): a network is not thread-safe; give each thread"
                    + " a network of its own", e.getMessage());
            release.countDown();
            first.join(10_000);
            AtomicReference<String> ran = new AtomicReference<>();
            workers.run(4, 1_000_000, 4, (n, from, to) -> ran.set("ran")); // free again, in parallel too
            assertEquals("ran", ran.get());
            workers.close();
        }
    }

    @Test
    void threadCountsAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> Workers.of(0));
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class, () -> Workers.of(Integer.MAX_VALUE));
        assertTrue(huge.getMessage().startsWith("threads must be 1 to 1024 (this machine has "), huge.getMessage());
    }
}
