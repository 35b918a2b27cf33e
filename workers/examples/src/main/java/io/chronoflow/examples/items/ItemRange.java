package io.chronoflow.examples.items;

import java.util.ArrayList;
import java.util.List;

/**
 * A closed range of item ids, {@code first..last}; empty when {@code last < first}. A job's items are split into
 * contiguous ranges, one per shard, and a shard's range into batches, so that every id falls into exactly one shard and
 * one batch, and neighbouring ids (neighbouring rows of the primary key's index) are written together.
 */
public record ItemRange(long first, long last) {

    /** No ids. */
    public static final ItemRange EMPTY = new ItemRange(1, 0);

    public boolean isEmpty() {
        return last < first;
    }

    /** How many ids the range holds. */
    public long size() {
        return isEmpty() ? 0 : last - first + 1;
    }

    /**
     * Shard {@code index} of {@code total} equal parts of this range (sizes differ by at most one, the larger ones
     * first); empty when there are more shards than ids.
     */
    public ItemRange shard(int index, int total) {
        if (total < 1 || index < 0 || index >= total) {
            throw new IllegalArgumentException("shard " + index + " of " + total + ": need 0 <= index < total");
        }
        long size = size();
        long base = size / total;
        long larger = size % total;
        long start = first + index * base + Math.min(index, larger);
        long length = base + (index < larger ? 1 : 0);
        return length == 0 ? EMPTY : new ItemRange(start, start + length - 1);
    }

    /** The range cut into consecutive batches of {@code size} ids, the last one shorter. */
    public List<ItemRange> batches(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be positive, was " + size);
        }
        List<ItemRange> batches = new ArrayList<>();
        for (long from = first; from <= last; from += size) {
            batches.add(new ItemRange(from, Math.min(last, from + size - 1)));
            if (from > Long.MAX_VALUE - size) {
                break;
            }
        }
        return batches;
    }
}
