package io.chronoflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String SCRAPE = """
            # HELP chronoflow_shard_lock_wait_seconds Time a worker waited to take a shard lock
            # TYPE chronoflow_shard_lock_wait_seconds histogram
            chronoflow_shard_lock_wait_seconds_bucket{application="chronoflow-worker",le="0.001"} 60
            chronoflow_shard_lock_wait_seconds_count{application="chronoflow-worker"} 64
            chronoflow_shard_lock_wait_seconds_sum{application="chronoflow-worker"} 0.0512
            chronoflow_shard_lock_wait_seconds_sum_extra 99
            chronoflow_worker_tasks_fetched_total{application="chronoflow-worker",topic="a"} 3.0
            chronoflow_worker_tasks_fetched_total{application="chronoflow-worker",topic="b"} 4.0 1700000000000
            plain_gauge 2.5
            """;

    @Test
    void sumsEverySampleOfExactlyTheNamedMetricWhateverItsLabels() {
        assertThat(PrometheusText.sum(SCRAPE, "chronoflow_shard_lock_wait_seconds_count"))
                .isEqualTo(64.0);
        assertThat(PrometheusText.sum(SCRAPE, "chronoflow_shard_lock_wait_seconds_sum"))
                .isEqualTo(0.0512);
        assertThat(PrometheusText.sum(SCRAPE, "chronoflow_worker_tasks_fetched_total"))
                .isEqualTo(7.0);
        assertThat(PrometheusText.sum(SCRAPE, "plain_gauge")).isEqualTo(2.5);
    }

    @Test
    void samplesCanBeNarrowedToThoseWithGivenLabels() {
        String scrape = """
                tasks_count{application="w",outcome="completed",topic="demo.shard-sync"} 60
                tasks_count{application="w",outcome="cancelled",topic="demo.shard-sync"} 3
                tasks_count{outcome="completed",topic="demo.report"} 9
                tasks_count{topic="demo.shard-sync-extra",outcome="completed"} 100
                """;
        assertThat(PrometheusText.sum(scrape, "tasks_count", "topic=\"demo.shard-sync\""))
                .isEqualTo(63.0);
        assertThat(PrometheusText.sum(scrape, "tasks_count", "topic=\"demo.shard-sync\"", "outcome=\"completed\""))
                .isEqualTo(60.0);
        assertThat(PrometheusText.sum(scrape, "tasks_count", "outcome=\"completed\""))
                .isEqualTo(169.0);
    }

    @Test
    void anAbsentMetricIsZero() {
        assertThat(PrometheusText.sum(SCRAPE, "chronoflow_nothing")).isZero();
        assertThat(PrometheusText.sum("", "plain_gauge")).isZero();
    }
}
