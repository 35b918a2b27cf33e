package io.chronoflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OnceTest {

    @Test
    void runsTheActionOnceAndASecondCallerWaitsUntilItHasFinished() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Once once = new Once(() -> {
            runs.incrementAndGet();
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread first = new Thread(once);
        first.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(once.pending()).as("taken by the first caller").isFalse();

        CountDownLatch secondReturned = new CountDownLatch(1);
        Thread second = new Thread(() -> {
            once.run();
            secondReturned.countDown();
        });
        second.start();
        assertThat(secondReturned.await(200, TimeUnit.MILLISECONDS))
                .as("the second caller returns only once the action has finished")
                .isFalse();

        release.countDown();
        assertThat(secondReturned.await(10, TimeUnit.SECONDS)).isTrue();
        first.join(10_000);
        once.run();
        assertThat(runs).hasValue(1);
    }

    @Test
    void isPendingUntilRun() {
        Once once = new Once(() -> {});
        assertThat(once.pending()).isTrue();
        once.run();
        assertThat(once.pending()).isFalse();
    }
}
