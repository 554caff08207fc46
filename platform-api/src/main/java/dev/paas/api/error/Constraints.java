package dev.paas.api.error;

import java.sql.SQLException;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

/** Reads which database constraint refused a write, so callers can name the conflict to the user. */
public final class Constraints {
    private Constraints() {
    }

    /** The violated unique index's name when {@code e} is a unique violation (SQLSTATE 23505). */
    public static Optional<String> uniqueViolation(DataAccessException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException p && "23505".equals(p.getSQLState())) {
                var detail = p.getServerErrorMessage();
                return Optional.of(detail == null || detail.getConstraint() == null ? "" : detail.getConstraint());
            }
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return Optional.of("");
            }
        }
        return Optional.empty();
    }
}
