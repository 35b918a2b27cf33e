package io.chronoflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void theMedianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        assertThat(Spread.of(List.of(30.0, 10.0, 20.0))).isEqualTo(new Spread(20, 10, 30, 3));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Spread.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new Spread(2.5, 1, 4, 4));
    }

    @Test
    void noValuesGiveAnEmptySpreadShownAsADash() {
        assertThat(Spread.of(List.of()).samples()).isZero();
        assertThat(Spread.of(List.of()).format(2)).isEqualTo("–");
    }

    @Test
    void unmeasuredValuesAreLeftOut() {
        assertThat(Spread.of(List.of(Double.NaN, 5.0, 7.0))).isEqualTo(new Spread(6, 5, 7, 2));
        assertThat(Spread.of(List.of(Double.NaN)).samples()).isZero();
    }

    @Test
    void oneSampleIsShownAloneSeveralWithTheirRange() {
        assertThat(Spread.of(List.of(1234.4)).format(0)).isEqualTo("1,234");
        assertThat(Spread.of(List.of(1.0, 2.25, 3.5)).format(2)).isEqualTo("2.25 (1.00–3.50)");
    }
}
