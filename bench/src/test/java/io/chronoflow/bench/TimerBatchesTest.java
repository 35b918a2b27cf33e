package io.chronoflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerBatchesTest {

    @Test
    void createsEveryTimerOnceInBatchesInOrderAndCountsThoseAlreadyDue() {
        Instant now = Instant.now();
        List<Instant> dues = new ArrayList<>();
        dues.addAll(Collections.nCopies(3, now.minus(Duration.ofMinutes(1))));
        dues.addAll(Collections.nCopies(TimerBatches.SIZE + 7, now.plus(Duration.ofHours(1))));
        List<int[]> batches = new ArrayList<>();
        int late = TimerBatches.create(dues, (from, to) -> batches.add(new int[] {from, to}));
        assertThat(late).isEqualTo(3);
        assertThat(batches)
                .containsExactly(new int[] {0, TimerBatches.SIZE}, new int[] {TimerBatches.SIZE, dues.size()});
    }

    @Test
    void lagsAreRecordedByRunAndNeverNegative() {
        LagRecorder recorder = new LagRecorder();
        Instant due = Instant.parse("2026-11-26T10:00:00Z");
        recorder.record(LagRecorder.timerId("steady-10", 1), due, due.plusMillis(12));
        recorder.record(LagRecorder.timerId("steady-10", 2), due, due.minusMillis(3));
        recorder.record(LagRecorder.timerId("idle", 1), due, due.plusSeconds(1));
        assertThat(recorder.lags("steady-10")).containsExactly(12L, 0L);
        assertThat(recorder.lags("idle")).containsExactly(1000L);
        assertThat(recorder.lags("steady-100")).isEmpty();
    }
}
