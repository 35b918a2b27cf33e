package io.chronoflow.engine.scheduling;

import java.util.Date;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis channel {@code <prefix>:timers:due} on which engine nodes tell each other of timers due soon (epoch
 * millis), so that a node which did not schedule a timer still wakes for it. Best effort: with Redis away, every node
 * still finds each timer in the database within {@code max-wait}.
 */
final class TimerAnnouncements implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TimerAnnouncements.class);

    private final RTopic topic;
    private final CompletionStage<Integer> listener;

    TimerAnnouncements(PreciseJobExecutor executor, RedissonClient redisson, String keyPrefix) {
        this.topic = redisson.getTopic(keyPrefix + ":timers:due", StringCodec.INSTANCE);
        this.listener = topic.addListenerAsync(String.class, (channel, message) -> wake(executor, message));
        executor.announceTo(this::announce);
    }

    private void announce(Date due) {
        topic.publishAsync(Long.toString(due.getTime())).whenComplete((receivers, error) -> {
            if (error != null) {
                log.debug("timer announcement not sent: {}", error.toString());
            }
        });
    }

    private static void wake(PreciseJobExecutor executor, String message) {
        try {
            executor.wakeAt(new Date(Long.parseLong(message)));
        } catch (NumberFormatException e) {
            log.debug("ignored a malformed timer announcement: {}", message);
        }
    }

    @Override
    public void close() {
        listener.thenAccept(topic::removeListenerAsync);
    }
}
