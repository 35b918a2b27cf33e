package io.chronoflow.examples.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemRangeTest {

    @Test
    void shardsCoverEveryIdOnceInContiguousNearlyEqualParts() {
        ItemRange all = new ItemRange(1, 50_000);
        List<ItemRange> shards = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            shards.add(all.shard(i, 16));
        }
        assertThat(shards.get(0)).isEqualTo(new ItemRange(1, 3_125));
        assertThat(shards.get(15)).isEqualTo(new ItemRange(46_876, 50_000));
        assertThat(shards).allSatisfy(s -> assertThat(s.size()).isEqualTo(3_125));
        for (int i = 1; i < shards.size(); i++) {
            assertThat(shards.get(i).first()).isEqualTo(shards.get(i - 1).last() + 1);
        }
    }

    @Test
    void unevenSplitsGiveTheFirstShardsOneMore() {
        ItemRange all = new ItemRange(10, 19); // 10 ids over 3 shards: 4, 3, 3
        assertThat(all.shard(0, 3)).isEqualTo(new ItemRange(10, 13));
        assertThat(all.shard(1, 3)).isEqualTo(new ItemRange(14, 16));
        assertThat(all.shard(2, 3)).isEqualTo(new ItemRange(17, 19));
    }

    @Test
    void moreShardsThanIdsLeavesTheLastShardsEmpty() {
        ItemRange all = new ItemRange(1, 2);
        assertThat(all.shard(1, 4)).isEqualTo(new ItemRange(2, 2));
        assertThat(all.shard(3, 4).isEmpty()).isTrue();
        assertThat(all.shard(3, 4).batches(10)).isEmpty();
        assertThat(ItemRange.EMPTY.shard(0, 2).size()).isZero();
    }

    @Test
    void batchesAreConsecutiveAndOnlyTheLastIsShorter() {
        assertThat(new ItemRange(1, 2_500).batches(1_000))
                .containsExactly(new ItemRange(1, 1_000), new ItemRange(1_001, 2_000), new ItemRange(2_001, 2_500));
        assertThat(new ItemRange(5, 5).batches(1_000)).containsExactly(new ItemRange(5, 5));
        assertThat(new ItemRange(Long.MAX_VALUE - 1, Long.MAX_VALUE).batches(1))
                .containsExactly(
                        new ItemRange(Long.MAX_VALUE - 1, Long.MAX_VALUE - 1),
                        new ItemRange(Long.MAX_VALUE, Long.MAX_VALUE));
    }

    @Test
    void badArgumentsAreRefusedNamingThem() {
        assertThatThrownBy(() -> new ItemRange(1, 10).shard(2, 2)).hasMessageContaining("shard 2 of 2");
        assertThatThrownBy(() -> new ItemRange(1, 10).batches(0)).hasMessageContaining("batch size");
    }
}
