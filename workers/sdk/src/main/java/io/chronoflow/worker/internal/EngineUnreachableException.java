package io.chronoflow.worker.internal;

/** No engine node answered: connection refused, reset or timed out on every configured URL. */
public class EngineUnreachableException extends RuntimeException {

    public EngineUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
