package io.chronoflow.worker.internal;

/** An engine node answered with an error status; the body carries the engine's reason. */
public class EngineRejectedException extends RuntimeException {

    private final int status;

    public EngineRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 5xx: the engine node is in trouble, not the request. */
    public boolean isServerError() {
        return status >= 500;
    }
}
