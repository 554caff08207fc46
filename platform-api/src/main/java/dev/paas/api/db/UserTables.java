package dev.paas.api.db;

import java.util.regex.Pattern;

/**
 * Whether a statement may write users or api_tokens, as its SQL reads: who a token is (the credential cache)
 * depends on those two tables only, so the writes every config:set makes (releases, events, log lines) need
 * not make every request read its token again. Errs towards yes: a statement that only mentions them (a join)
 * is a no, any insert into, update of, delete from or truncate of them is a yes, however it is quoted.
 */
final class UserTables {
    private static final Pattern WRITE = Pattern.compile(
            "\\b(?:insert\\s+into|update|delete\\s+from)\\s+(?:\"?public\"?\\s*\\.\\s*)?\"?(?:users|api_tokens)\\b"
                    + "|\\btruncate\\b[^;]*\\b(?:users|api_tokens)\\b",
            Pattern.CASE_INSENSITIVE);

    private UserTables() {
    }

    static boolean written(String sql) {
        // Most statements do not name either table: no regular expression for them.
        return sql != null && (containsIgnoreCase(sql, "users") || containsIgnoreCase(sql, "api_tokens"))
                && WRITE.matcher(sql).find();
    }

    private static boolean containsIgnoreCase(String sql, String word) {
        int last = sql.length() - word.length();
        for (int i = 0; i <= last; i++) {
            if (sql.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }
}
