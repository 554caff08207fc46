package dev.paas.cli;

/** Something the user can fix: printed as is, exit code 1. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
