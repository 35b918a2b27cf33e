package io.chronoflow.engine.api;

/** The request is valid but the resource's state does not allow it now (HTTP 409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
