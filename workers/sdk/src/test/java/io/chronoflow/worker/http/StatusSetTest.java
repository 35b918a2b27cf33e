package io.chronoflow.worker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatusSetTest {

    @Test
    void theDefaultIsEvery2xx() {
        StatusSet success = StatusSet.parse(StatusSet.DEFAULT);
        assertThat(success.contains(200)).isTrue();
        assertThat(success.contains(299)).isTrue();
        assertThat(success.contains(199)).isFalse();
        assertThat(success.contains(300)).isFalse();
        assertThat(success.contains(404)).isFalse();
    }

    @Test
    void codesRangesAndClassesMix() {
        StatusSet success = StatusSet.parse(" 200, 201 ,204-206, 3xx ");
        assertThat(success.contains(200)).isTrue();
        assertThat(success.contains(201)).isTrue();
        assertThat(success.contains(202)).isFalse();
        assertThat(success.contains(205)).isTrue();
        assertThat(success.contains(301)).isTrue();
        assertThat(success.contains(399)).isTrue();
        assertThat(success.contains(400)).isFalse();
        assertThat(success.contains(-1)).isFalse();
        assertThat(success.contains(1000)).isFalse();
        assertThat(success).hasToString("200, 201 ,204-206, 3xx");
    }

    @Test
    void nonsenseIsRefusedSayingWhichEntry() {
        assertThatThrownBy(() -> StatusSet.parse("200,ok")).hasMessage("'ok' is no status code");
        assertThatThrownBy(() -> StatusSet.parse("299-200")).hasMessageContaining("'299-200' is outside 100-599");
        assertThatThrownBy(() -> StatusSet.parse("200-700")).hasMessageContaining("'200-700' is outside");
        assertThatThrownBy(() -> StatusSet.parse("9xx")).hasMessage("'9xx' is no status class (1xx to 5xx)");
        assertThatThrownBy(() -> StatusSet.parse("200,,201")).hasMessage("an empty entry");
    }
}
