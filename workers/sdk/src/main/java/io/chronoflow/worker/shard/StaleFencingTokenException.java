package io.chronoflow.worker.shard;

/**
 * A fenced write changed nothing: a holder with a newer fencing token has written already, so this holder has lost its
 * shard and must stop. Thrown by {@link FencedWrite}; the worker does not report the task done.
 */
public class StaleFencingTokenException extends RuntimeException {

    private final long token;

    public StaleFencingTokenException(String message, long token) {
        super(message);
        this.token = token;
    }

    public long token() {
        return token;
    }
}
