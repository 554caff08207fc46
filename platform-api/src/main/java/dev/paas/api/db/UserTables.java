package dev.paas.api.db;

/**
 * Whether a statement may write users or api_tokens, as its SQL reads: who a token is (the credential cache)
 * depends on those two tables only, so the writes every config:set makes (releases, events, log lines) need
 * not make every request read its token again. Errs towards yes: a statement that only mentions them (a join)
 * is a no; an insert into, update of, delete from or truncate of them is a yes, however it is quoted or
 * qualified. Reads every statement this process runs, so it scans instead of matching a regular expression
 * (which cost a sixth of a config:set's CPU in the API).
 */
final class UserTables {
    private static final String[] TABLES = {"users", "api_tokens"};

    private UserTables() {
    }

    static boolean written(String sql) {
        if (sql == null) {
            return false;
        }
        for (String table : TABLES) {
            for (int at = indexOfWord(sql, table, 0); at >= 0; at = indexOfWord(sql, table, at + 1)) {
                if (startsWithWord(sql, "truncate") || writtenAt(sql, at)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the table named at {@code at} follows "update", "insert into" or "delete from". */
    private static boolean writtenAt(String sql, int at) {
        int end = skipBack(sql, at);
        if (end > 0 && sql.charAt(end - 1) == '.') { // a qualified name: public.users, "public"."users"
            end = skipBack(sql, wordStart(sql, skipBack(sql, end - 1)));
        }
        int start = wordStart(sql, end);
        if (isWord(sql, start, end, "update")) {
            return true;
        }
        boolean into = isWord(sql, start, end, "into");
        if (!into && !isWord(sql, start, end, "from")) {
            return false;
        }
        int before = skipBack(sql, start);
        return isWord(sql, wordStart(sql, before), before, into ? "insert" : "delete");
    }

    /** The index just after the previous non-blank, non-quote character before {@code at}. */
    private static int skipBack(String sql, int at) {
        int i = at;
        while (i > 0 && (Character.isWhitespace(sql.charAt(i - 1)) || sql.charAt(i - 1) == '"')) {
            i--;
        }
        return i;
    }

    private static int wordStart(String sql, int end) {
        int i = end;
        while (i > 0 && isWordChar(sql.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean isWord(String sql, int start, int end, String word) {
        return end - start == word.length() && sql.regionMatches(true, start, word, 0, word.length());
    }

    private static boolean startsWithWord(String sql, String word) {
        int i = 0;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return sql.regionMatches(true, i, word, 0, word.length());
    }

    /** The next {@code word} (any case) from {@code from} that is a whole word, or -1. */
    private static int indexOfWord(String sql, String word, int from) {
        char first = word.charAt(0);
        char upper = Character.toUpperCase(first);
        for (int i = from, last = sql.length() - word.length(); i <= last; i++) {
            char c = sql.charAt(i);
            if ((c == first || c == upper) && sql.regionMatches(true, i, word, 0, word.length())
                    && (i == 0 || !isWordChar(sql.charAt(i - 1)))
                    && (i + word.length() == sql.length() || !isWordChar(sql.charAt(i + word.length())))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
