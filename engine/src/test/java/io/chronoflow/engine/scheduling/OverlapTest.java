package io.chronoflow.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OverlapTest {

    @Test
    void policiesAreNamedAsInTheModelAndAllowIsTheDefault() {
        assertThat(Overlap.of("queue")).isEqualTo(Overlap.QUEUE);
        assertThat(Overlap.of("cancel-previous")).isEqualTo(Overlap.CANCEL_PREVIOUS);
        assertThat(Overlap.of(null)).isEqualTo(Overlap.ALLOW);
        assertThatThrownBy(() -> Overlap.of("buffer"))
                .hasMessageContaining("chronoflow.overlap")
                .hasMessageContaining("queue");
    }

    @Test
    void queueMaxIsOneUnlessAWholeNumberUpToAThousandIsGiven() {
        assertThat(Overlap.queueMax(null)).isEqualTo(1);
        assertThat(Overlap.queueMax(" 5 ")).isEqualTo(5);
        assertThat(Overlap.queueMax("1000")).isEqualTo(1000);
        for (String bad : new String[] {"0", "-1", "1001", "two", "1.5"}) {
            assertThatThrownBy(() -> Overlap.queueMax(bad))
                    .as(bad)
                    .hasMessageContaining("chronoflow.overlap.queue-max")
                    .hasMessageContaining(bad);
        }
    }
}
