package dev.paas.api.error;

/**
 * A request the control plane refuses. Thrown below the HTTP layer; the HTTP edge turns
 * {@link #kind()} into a status and the Heroku-style {@code {"id", "message"}} body, once.
 */
public class ApiFailure extends RuntimeException {
    private final Kind kind;

    public ApiFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static ApiFailure badRequest(String message) {
        return new ApiFailure(Kind.BAD_REQUEST, message);
    }

    public static ApiFailure unauthorized(String message) {
        return new ApiFailure(Kind.UNAUTHORIZED, message);
    }

    public static ApiFailure forbidden(String message) {
        return new ApiFailure(Kind.FORBIDDEN, message);
    }

    public static ApiFailure notFound(String message) {
        return new ApiFailure(Kind.NOT_FOUND, message);
    }

    public static ApiFailure conflict(String message) {
        return new ApiFailure(Kind.CONFLICT, message);
    }

    public static ApiFailure invalid(String message) {
        return new ApiFailure(Kind.INVALID_PARAMS, message);
    }

    public static ApiFailure tooMany(String message) {
        return new ApiFailure(Kind.TOO_MANY_REQUESTS, message);
    }

    public static ApiFailure unavailable(String message) {
        return new ApiFailure(Kind.UNAVAILABLE, message);
    }

    public enum Kind {
        BAD_REQUEST(400, "bad_request"),
        UNAUTHORIZED(401, "unauthorized"),
        FORBIDDEN(403, "forbidden"),
        NOT_FOUND(404, "not_found"),
        NOT_ACCEPTABLE(406, "not_acceptable"),
        CONFLICT(409, "conflict"),
        TOO_LARGE(413, "request_entity_too_large"),
        UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
        RANGE_NOT_SATISFIABLE(416, "requested_range_not_satisfiable"),
        INVALID_PARAMS(422, "invalid_params"),
        TOO_MANY_REQUESTS(429, "rate_limit"),
        UNAVAILABLE(503, "unavailable");

        public final int status;
        public final String id;

        Kind(int status, String id) {
            this.status = status;
            this.id = id;
        }
    }
}
