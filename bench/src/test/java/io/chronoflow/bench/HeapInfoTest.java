package io.chronoflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeapInfoTest {

    @Test
    void readsTheUsedHeapOfG1AndLeavesMetaspaceOut() {
        String g1 = """
                18381:
                 garbage-first heap   total 14336K, used 2885K [0x00000000e0000000, 0x0000000100000000)
                  region size 1024K, 0 young (0K), 0 survivors (0K)
                 Metaspace       used 8926K, committed 9088K, reserved 1114112K
                  class space    used 1062K, committed 1152K, reserved 1048576K
                """;
        assertThat(HeapInfo.usedKib(g1)).isEqualTo(2885);
    }

    @Test
    void addsUpTheGenerationsOfGenerationalCollectors() {
        String serial = """
                4242:
                 def new generation   total 9792K, used 1650K [0x..., 0x..., 0x...)
                  eden space 8704K,  18% used [0x..., 0x..., 0x...)
                 tenured generation   total 21888K, used 12000K [0x..., 0x..., 0x...)
                 Metaspace       used 700K, committed 900K, reserved 1056768K
                """;
        assertThat(HeapInfo.usedKib(serial)).isEqualTo(13_650);
    }

    @Test
    void outputWithoutAHeapLineIsRefusedWithTheOutput() {
        assertThatThrownBy(() -> HeapInfo.usedKib("4242:\nNo such process"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No such process");
    }
}
