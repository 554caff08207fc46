package dev.paas.client;

/** The API answered with an error: its HTTP status and the {@code {"id", "message"}} body. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String id;

    public ApiException(int status, String id, String message) {
        super(message);
        this.status = status;
        this.id = id;
    }

    public int status() {
        return status;
    }

    public String id() {
        return id;
    }
}
