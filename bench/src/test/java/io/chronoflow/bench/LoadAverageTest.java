package io.chronoflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadAverageTest {

    @Test
    void keepsTheThreeAveragesOfAProcLoadavgLine() {
        assertThat(LoadAverage.of("2.23 0.85 0.33 3/512 18381\n")).isEqualTo("2.23 0.85 0.33");
        assertThatThrownBy(() -> LoadAverage.of("2.23")).hasMessageContaining("2.23");
    }

    @Test
    void theRunRecordsItsDurationAndTheLoadAtBothEnds() {
        Results results = new Results(true, 1);
        assertThat(results.loadAverage()).containsEntry("end", "unknown");
        results.finish();
        assertThat(results.seconds()).isZero();
        assertThat(results.loadAverage().get("end")).isNotEqualTo("unknown");
        assertThat(Report.markdown(results)).contains("Took 0 min 0 s; load average (1, 5, 15 min) ");
    }
}
