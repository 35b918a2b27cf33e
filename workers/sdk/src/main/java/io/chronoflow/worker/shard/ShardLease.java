package io.chronoflow.worker.shard;

import io.chronoflow.worker.Shard;
import org.redisson.api.RFencedLock;

/**
 * A held shard lock. It is released by the thread that took it; {@link #isHeld()} may be asked from any thread.
 *
 * @param shard the shard with the fencing token the lock handed out.
 * @param lock the Redisson lock.
 * @param threadId the thread that holds it.
 */
public record ShardLease(Shard shard, RFencedLock lock, long threadId) {

    /** True while Redis still records this thread as the holder; false when Redis says otherwise or cannot answer. */
    public boolean isHeld() {
        try {
            return lock.isHeldByThread(threadId);
        } catch (RuntimeException redisUnreachable) {
            return false;
        }
    }

    /** Releases the lock if this thread still holds it; a lost lock is nothing to release. */
    public void release() {
        try {
            lock.unlock(); // one round trip; Redis refuses it if this thread no longer holds the lock
        } catch (RuntimeException lostOrUnreachable) {
            // Nothing to release, or Redis is unreachable: the lease runs out by itself.
        }
    }
}
