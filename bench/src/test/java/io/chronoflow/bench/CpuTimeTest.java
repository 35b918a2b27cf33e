package io.chronoflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuTimeTest {

    private static final String POSTMASTER = "4900 (postgres) S 1 4900 4900 0 -1 4194560 5283 1270016 0 37 120 45 3000"
            + " 500 20 0 1 0 1200 226017280 7330 18446744073709551615 1 1 0 0 0 0 0 4096 17475 0 0 0 17 1 0 0 0 0 0";

    @Test
    void aPostgresProcessCountsItsOwnAndItsReapedChildrensUserAndSystemTicks() {
        assertThat(CpuTime.ticks(POSTMASTER, "postgres")).isEqualTo(120 + 45 + 3000 + 500);
    }

    @Test
    void otherCommandsCountNothing() {
        assertThat(CpuTime.ticks(POSTMASTER.replace("(postgres)", "(java)"), "postgres"))
                .isZero();
    }

    @Test
    void aCommandWithSpacesAndParenthesesIsReadUpToTheLastParenthesis() {
        String odd = POSTMASTER.replace("(postgres)", "(a (b) c)");
        assertThat(CpuTime.ticks(odd, "a (b) c")).isEqualTo(120 + 45 + 3000 + 500);
    }
}
