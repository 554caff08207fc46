package dev.paas.api.db;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.paas.client.ProcessState;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The tables of migrations/V*.sql as jOOQ objects. Typed names, not SQL strings: a column
 * renamed in a migration is renamed here once.
 */
public final class Schema {
    private Schema() {
    }

    private static <T> Field<T> col(String table, String column, org.jooq.DataType<T> type) {
        return field(name(table, column), type);
    }

    private static Field<OffsetDateTime> time(String table, String column) {
        return col(table, column, SQLDataType.TIMESTAMPWITHTIMEZONE);
    }

    public static final class Users {
        public static final Table<Record> T = table(name("users"));
        public static final Field<UUID> ID = col("users", "id", SQLDataType.UUID);
        public static final Field<String> EMAIL = col("users", "email", SQLDataType.CLOB);
        public static final Field<Boolean> ADMIN = col("users", "admin", SQLDataType.BOOLEAN);
        public static final Field<String> PASSWORD_HASH = col("users", "password_hash", SQLDataType.CLOB);
        public static final Field<OffsetDateTime> CREATED_AT = time("users", "created_at");
        public static final Field<OffsetDateTime> UPDATED_AT = time("users", "updated_at");
    }

    public static final class DashboardSessions {
        public static final Table<Record> T = table(name("dashboard_sessions"));
        public static final Field<byte[]> ID_SHA256 = col("dashboard_sessions", "id_sha256", SQLDataType.BLOB);
        public static final Field<UUID> USER_ID = col("dashboard_sessions", "user_id", SQLDataType.UUID);
        public static final Field<String> CSRF_TOKEN = col("dashboard_sessions", "csrf_token", SQLDataType.CLOB);
        public static final Field<OffsetDateTime> CREATED_AT = time("dashboard_sessions", "created_at");
        public static final Field<OffsetDateTime> EXPIRES_AT = time("dashboard_sessions", "expires_at");
    }

    public static final class ApiTokens {
        public static final Table<Record> T = table(name("api_tokens"));
        public static final Field<UUID> ID = col("api_tokens", "id", SQLDataType.UUID);
        public static final Field<UUID> USER_ID = col("api_tokens", "user_id", SQLDataType.UUID);
        public static final Field<byte[]> TOKEN_SHA256 = col("api_tokens", "token_sha256", SQLDataType.BLOB);
        public static final Field<String> DESCRIPTION = col("api_tokens", "description", SQLDataType.CLOB);
        public static final Field<OffsetDateTime> EXPIRES_AT = time("api_tokens", "expires_at");
        public static final Field<OffsetDateTime> CREATED_AT = time("api_tokens", "created_at");
        public static final Field<OffsetDateTime> UPDATED_AT = time("api_tokens", "updated_at");
    }

    public static final class Apps {
        public static final Table<Record> T = table(name("apps"));
        public static final Field<UUID> ID = col("apps", "id", SQLDataType.UUID);
        public static final Field<String> NAME = col("apps", "name", SQLDataType.CLOB);
        public static final Field<UUID> OWNER_ID = col("apps", "owner_id", SQLDataType.UUID);
        public static final Field<OffsetDateTime> CREATED_AT = time("apps", "created_at");
        public static final Field<OffsetDateTime> UPDATED_AT = time("apps", "updated_at");
        public static final Field<OffsetDateTime> DESTROYED_AT = time("apps", "destroyed_at");
        public static final Field<Boolean> ACM = col("apps", "acm", SQLDataType.BOOLEAN);
        public static final Field<Boolean> HTTPS_REDIRECT = col("apps", "https_redirect", SQLDataType.BOOLEAN);
        public static final Field<Boolean> HSTS = col("apps", "hsts", SQLDataType.BOOLEAN);
    }

    public static final class Collaborators {
        public static final Table<Record> T = table(name("collaborators"));
        public static final Field<UUID> ID = col("collaborators", "id", SQLDataType.UUID);
        public static final Field<UUID> APP_ID = col("collaborators", "app_id", SQLDataType.UUID);
        public static final Field<UUID> USER_ID = col("collaborators", "user_id", SQLDataType.UUID);
        public static final Field<OffsetDateTime> CREATED_AT = time("collaborators", "created_at");
        public static final Field<OffsetDateTime> UPDATED_AT = time("collaborators", "updated_at");
    }

    public static final class Builds {
        public static final Table<Record> T = table(name("builds"));
        public static final Field<UUID> ID = col("builds", "id", SQLDataType.UUID);
        public static final Field<UUID> APP_ID = col("builds", "app_id", SQLDataType.UUID);
        public static final Field<UUID> USER_ID = col("builds", "user_id", SQLDataType.UUID);
        public static final Field<String> STATUS = col("builds", "status", SQLDataType.CLOB);
        public static final Field<String> COMMIT_SHA = col("builds", "commit_sha", SQLDataType.CLOB);
        public static final Field<String> BUILDPACK = col("builds", "buildpack", SQLDataType.CLOB);
        public static final Field<String> IMAGE = col("builds", "image", SQLDataType.CLOB);
        public static final Field<JSONB> PROCESS_TYPES = col("builds", "process_types", SQLDataType.JSONB);
        public static final Field<JSONB> HEALTHCHECKS = col("builds", "healthchecks", SQLDataType.JSONB);
        public static final Field<String> OUTPUT = col("builds", "output", SQLDataType.CLOB);
        public static final Field<OffsetDateTime> CREATED_AT = time("builds", "created_at");
        public static final Field<OffsetDateTime> UPDATED_AT = time("builds", "updated_at");
    }

    public static final class Releases {
        public static final Table<Record> T = table(name("releases"));
        public static final Field<UUID> ID = col("releases", "id", SQLDataType.UUID);
        public static final Field<UUID> APP_ID = col("releases", "app_id", SQLDataType.UUID);
        public static final Field<Integer> VERSION = col("releases", "version", SQLDataType.INTEGER);
        public static final Field<UUID> BUILD_ID = col("releases", "build_id", SQLDataType.UUID);
        public static final Field<String> IMAGE = col("releases", "image", SQLDataType.CLOB);
        public static final Field<JSONB> PROCESS_TYPES = col("releases", "process_types", SQLDataType.JSONB);
        public static final Field<JSONB> HEALTHCHECKS = col("releases", "healthchecks", SQLDataType.JSONB);
        public static final Field<JSONB> CONFIG = col("releases", "config", SQLDataType.JSONB);
        public static final Field<String> DESCRIPTION = col("releases", "description", SQLDataType.CLOB);
        public static final Field<UUID> USER_ID = col("releases", "user_id", SQLDataType.UUID);
        public static final Field<OffsetDateTime> CREATED_AT = time("releases", "created_at");
    }

    public static final class Formations {
        public static final Table<Record> T = table(name("formations"));
        public static final Field<UUID> ID = col("formations", "id", SQLDataType.UUID);
        public static final Field<UUID> APP_ID = col("formations", "app_id", SQLDataType.UUID);
        public static final Field<String> TYPE = col("formations", "type", SQLDataType.CLOB);
        public static final Field<Integer> QUANTITY = col("formations", "quantity", SQLDataType.INTEGER);
        public static final Field<String> SIZE = col("formations", "size", SQLDataType.CLOB);
        public static final Field<OffsetDateTime> CREATED_AT = time("formations", "created_at");
        public static final Field<OffsetDateTime> UPDATED_AT = time("formations", "updated_at");
    }

    public static final class Domains {
        public static final Table<Record> T = table(name("domains"));
        public static final Field<UUID> ID = col("domains", "id", SQLDataType.UUID);
        public static final Field<UUID> APP_ID = col("domains", "app_id", SQLDataType.UUID);
        public static final Field<String> HOSTNAME = col("domains", "hostname", SQLDataType.CLOB);
        public static final Field<String> KIND = col("domains", "kind", SQLDataType.CLOB);
        public static final Field<OffsetDateTime> CREATED_AT = time("domains", "created_at");
        public static final Field<OffsetDateTime> UPDATED_AT = time("domains", "updated_at");
    }

    public static final class Events {
        public static final Table<Record> T = table(name("events"));
        public static final Field<Long> ID = col("events", "id", SQLDataType.BIGINT);
        public static final Field<Long> POSITION = col("events", "position", SQLDataType.BIGINT);
        public static final Field<UUID> APP_ID = col("events", "app_id", SQLDataType.UUID);
        public static final Field<String> KIND = col("events", "kind", SQLDataType.CLOB);
        public static final Field<JSONB> PAYLOAD = col("events", "payload", SQLDataType.JSONB);
        public static final Field<OffsetDateTime> CREATED_AT = time("events", "created_at");
    }

    public static final class Agents {
        public static final Table<Record> T = table(name("agents"));
        public static final Field<UUID> ID = col("agents", "id", SQLDataType.UUID);
        public static final Field<String> NAME = col("agents", "name", SQLDataType.CLOB);
        public static final Field<String> ADDRESS = col("agents", "address", SQLDataType.CLOB);
        public static final Field<Integer> MEMORY_MB = col("agents", "memory_mb", SQLDataType.INTEGER);
        public static final Field<String> STATUS = col("agents", "status", SQLDataType.CLOB);
        public static final Field<OffsetDateTime> LAST_HEARTBEAT_AT = time("agents", "last_heartbeat_at");
        public static final Field<OffsetDateTime> CREATED_AT = time("agents", "created_at");
        public static final Field<String> ADMISSION = col("agents", "admission", SQLDataType.CLOB);
    }

    public static final class Instances {
        public static final Table<Record> T = table(name("instances"));
        public static final Field<UUID> ID = col("instances", "id", SQLDataType.UUID);
        public static final Field<UUID> APP_ID = col("instances", "app_id", SQLDataType.UUID);
        public static final Field<String> TYPE = col("instances", "type", SQLDataType.CLOB);
        public static final Field<Integer> INDEX = col("instances", "index", SQLDataType.INTEGER);
        public static final Field<UUID> AGENT_ID = col("instances", "agent_id", SQLDataType.UUID);
        public static final Field<Integer> GENERATION = col("instances", "generation", SQLDataType.INTEGER);
        public static final Field<UUID> LEAVING_AGENT_ID = col("instances", "leaving_agent_id", SQLDataType.UUID);
        public static final Field<Integer> LEAVING_GENERATION =
                col("instances", "leaving_generation", SQLDataType.INTEGER);
        public static final Field<UUID> RELEASED_FROM = col("instances", "released_from", SQLDataType.UUID);
    }

    public static final class InstanceReports {
        public static final Table<Record> T = table(name("instance_reports"));
        public static final Field<UUID> AGENT_ID = col("instance_reports", "agent_id", SQLDataType.UUID);
        public static final Field<String> CONTAINER_ID = col("instance_reports", "container_id", SQLDataType.CLOB);
        public static final Field<UUID> APP_ID = col("instance_reports", "app_id", SQLDataType.UUID);
        public static final Field<String> TYPE = col("instance_reports", "type", SQLDataType.CLOB);
        public static final Field<Integer> INDEX = col("instance_reports", "index", SQLDataType.INTEGER);
        public static final Field<Integer> RELEASE = col("instance_reports", "release", SQLDataType.INTEGER);
        public static final Field<ProcessState> STATE = col("instance_reports", "state", SQLDataType.CLOB
                .asConvertedDataType(org.jooq.Converter.of(String.class, ProcessState.class, ProcessState::of,
                        ProcessState::wire)));
        public static final Field<String> HOST = col("instance_reports", "host", SQLDataType.CLOB);
        public static final Field<Integer> PORT = col("instance_reports", "port", SQLDataType.INTEGER);
        public static final Field<Integer> EXIT_CODE = col("instance_reports", "exit_code", SQLDataType.INTEGER);
        public static final Field<String> REASON = col("instance_reports", "reason", SQLDataType.CLOB);
        public static final Field<OffsetDateTime> UPDATED_AT = time("instance_reports", "updated_at");
        public static final Field<Integer> GENERATION = col("instance_reports", "generation", SQLDataType.INTEGER);
        public static final Field<OffsetDateTime> SINCE = time("instance_reports", "since");
        public static final Field<Long> MEMORY_BYTES = col("instance_reports", "memory_bytes", SQLDataType.BIGINT);
        public static final Field<Double> CPU_PERCENT = col("instance_reports", "cpu_percent", SQLDataType.DOUBLE);
    }

    public static final class LogLines {
        public static final Table<Record> T = table(name("log_lines"));
        public static final Field<Long> ID = col("log_lines", "id", SQLDataType.BIGINT);
        public static final Field<UUID> APP_ID = col("log_lines", "app_id", SQLDataType.UUID);
        public static final Field<OffsetDateTime> LOGGED_AT = time("log_lines", "logged_at");
        public static final Field<String> SOURCE = col("log_lines", "source", SQLDataType.CLOB);
        public static final Field<String> DYNO = col("log_lines", "dyno", SQLDataType.CLOB);
        public static final Field<String> LINE = col("log_lines", "line", SQLDataType.CLOB);
        public static final Field<OffsetDateTime> RECEIVED_AT = time("log_lines", "received_at");
    }

    public static final class LogDrains {
        public static final Table<Record> T = table(name("log_drains"));
        public static final Field<UUID> ID = col("log_drains", "id", SQLDataType.UUID);
        public static final Field<UUID> APP_ID = col("log_drains", "app_id", SQLDataType.UUID);
        public static final Field<String> URL = col("log_drains", "url", SQLDataType.CLOB);
        public static final Field<String> TOKEN = col("log_drains", "token", SQLDataType.CLOB);
        public static final Field<Long> DELIVERED_ID = col("log_drains", "delivered_id", SQLDataType.BIGINT);
        public static final Field<Long> DROPPED = col("log_drains", "dropped", SQLDataType.BIGINT);
        public static final Field<OffsetDateTime> DROPPED_SINCE = time("log_drains", "dropped_since");
        public static final Field<OffsetDateTime> CREATED_AT = time("log_drains", "created_at");
        public static final Field<OffsetDateTime> UPDATED_AT = time("log_drains", "updated_at");
    }

    public static final class OneOffDynos {
        public static final Table<Record> T = table(name("one_off_dynos"));
        public static final Field<UUID> ID = col("one_off_dynos", "id", SQLDataType.UUID);
        public static final Field<UUID> APP_ID = col("one_off_dynos", "app_id", SQLDataType.UUID);
        public static final Field<Integer> NUMBER = col("one_off_dynos", "number", SQLDataType.INTEGER);
        public static final Field<Integer> RELEASE = col("one_off_dynos", "release", SQLDataType.INTEGER);
        public static final Field<String> COMMAND = col("one_off_dynos", "command", SQLDataType.CLOB);
        public static final Field<String> SIZE = col("one_off_dynos", "size", SQLDataType.CLOB);
        public static final Field<Boolean> ATTACH = col("one_off_dynos", "attach", SQLDataType.BOOLEAN);
        public static final Field<UUID> AGENT_ID = col("one_off_dynos", "agent_id", SQLDataType.UUID);
        public static final Field<String> STATE = col("one_off_dynos", "state", SQLDataType.CLOB);
        public static final Field<Integer> EXIT_CODE = col("one_off_dynos", "exit_code", SQLDataType.INTEGER);
        public static final Field<UUID> CREATED_BY = col("one_off_dynos", "created_by", SQLDataType.UUID);
        public static final Field<OffsetDateTime> CREATED_AT = time("one_off_dynos", "created_at");
        public static final Field<OffsetDateTime> FINISHED_AT = time("one_off_dynos", "finished_at");
        public static final Field<String> KIND = col("one_off_dynos", "kind", SQLDataType.CLOB);
    }

    public static final class ReleaseOutcomes {
        public static final Table<Record> T = table(name("release_outcomes"));
        public static final Field<UUID> RELEASE_ID = col("release_outcomes", "release_id", SQLDataType.UUID);
        public static final Field<String> STATUS = col("release_outcomes", "status", SQLDataType.CLOB);
        public static final Field<String> REASON = col("release_outcomes", "reason", SQLDataType.CLOB);
        public static final Field<Integer> PHASE_DYNO = col("release_outcomes", "phase_dyno", SQLDataType.INTEGER);
        public static final Field<OffsetDateTime> DEADLINE = time("release_outcomes", "deadline");
        public static final Field<OffsetDateTime> UPDATED_AT = time("release_outcomes", "updated_at");
    }
    public static final class Addons {
        public static final Table<Record> T = table(name("addons"));
        public static final Field<UUID> ID = col("addons", "id", SQLDataType.UUID);
        public static final Field<String> NAME = col("addons", "name", SQLDataType.CLOB);
        public static final Field<UUID> APP_ID = col("addons", "app_id", SQLDataType.UUID);
        public static final Field<String> SERVICE = col("addons", "service", SQLDataType.CLOB);
        public static final Field<String> PLAN = col("addons", "plan", SQLDataType.CLOB);
        public static final Field<String> STATE = col("addons", "state", SQLDataType.CLOB);
        public static final Field<UUID> AGENT_ID = col("addons", "agent_id", SQLDataType.UUID);
        public static final Field<UUID> CREATED_BY = col("addons", "created_by", SQLDataType.UUID);
        public static final Field<String> USERNAME = col("addons", "username", SQLDataType.CLOB);
        public static final Field<String> PASSWORD = col("addons", "password", SQLDataType.CLOB);
        public static final Field<OffsetDateTime> CREATED_AT = time("addons", "created_at");
        public static final Field<OffsetDateTime> UPDATED_AT = time("addons", "updated_at");
        public static final Field<Integer> MEMORY_MB = col("addons", "memory_mb", SQLDataType.INTEGER);
    }

    public static final class AddonAttachments {
        public static final Table<Record> T = table(name("addon_attachments"));
        public static final Field<UUID> ID = col("addon_attachments", "id", SQLDataType.UUID);
        public static final Field<UUID> ADDON_ID = col("addon_attachments", "addon_id", SQLDataType.UUID);
        public static final Field<UUID> APP_ID = col("addon_attachments", "app_id", SQLDataType.UUID);
        public static final Field<String> NAME = col("addon_attachments", "name", SQLDataType.CLOB);
        public static final Field<OffsetDateTime> CREATED_AT = time("addon_attachments", "created_at");
        public static final Field<OffsetDateTime> UPDATED_AT = time("addon_attachments", "updated_at");
    }

    public static final class AddonBackups {
        public static final Table<Record> T = table(name("addon_backups"));
        public static final Field<UUID> ID = col("addon_backups", "id", SQLDataType.UUID);
        public static final Field<UUID> ADDON_ID = col("addon_backups", "addon_id", SQLDataType.UUID);
        public static final Field<Integer> NUMBER = col("addon_backups", "number", SQLDataType.INTEGER);
        public static final Field<String> KIND = col("addon_backups", "kind", SQLDataType.CLOB);
        public static final Field<String> STATE = col("addon_backups", "state", SQLDataType.CLOB);
        public static final Field<String> REASON = col("addon_backups", "reason", SQLDataType.CLOB);
        public static final Field<Long> SIZE_BYTES = col("addon_backups", "size_bytes", SQLDataType.BIGINT);
        public static final Field<String> SOURCE_NAME = col("addon_backups", "source_name", SQLDataType.CLOB);
        public static final Field<Integer> ATTEMPTS = col("addon_backups", "attempts", SQLDataType.INTEGER);
        public static final Field<UUID> CREATED_BY = col("addon_backups", "created_by", SQLDataType.UUID);
        public static final Field<OffsetDateTime> CREATED_AT = time("addon_backups", "created_at");
        public static final Field<OffsetDateTime> STARTED_AT = time("addon_backups", "started_at");
        public static final Field<OffsetDateTime> FINISHED_AT = time("addon_backups", "finished_at");
    }

    public static final class AddonRestores {
        public static final Table<Record> T = table(name("addon_restores"));
        public static final Field<UUID> ID = col("addon_restores", "id", SQLDataType.UUID);
        public static final Field<UUID> BACKUP_ID = col("addon_restores", "backup_id", SQLDataType.UUID);
        public static final Field<UUID> TARGET_ADDON_ID = col("addon_restores", "target_addon_id", SQLDataType.UUID);
        public static final Field<String> STATE = col("addon_restores", "state", SQLDataType.CLOB);
        public static final Field<String> REASON = col("addon_restores", "reason", SQLDataType.CLOB);
        public static final Field<Integer> ATTEMPTS = col("addon_restores", "attempts", SQLDataType.INTEGER);
        public static final Field<UUID> CREATED_BY = col("addon_restores", "created_by", SQLDataType.UUID);
        public static final Field<OffsetDateTime> CREATED_AT = time("addon_restores", "created_at");
        public static final Field<OffsetDateTime> STARTED_AT = time("addon_restores", "started_at");
        public static final Field<OffsetDateTime> FINISHED_AT = time("addon_restores", "finished_at");
    }

    public static final class AddonBackupSchedules {
        public static final Table<Record> T = table(name("addon_backup_schedules"));
        public static final Field<UUID> ADDON_ID = col("addon_backup_schedules", "addon_id", SQLDataType.UUID);
        public static final Field<Integer> HOUR_UTC = col("addon_backup_schedules", "hour_utc", SQLDataType.INTEGER);
        public static final Field<Integer> RETAIN = col("addon_backup_schedules", "retain", SQLDataType.INTEGER);
        public static final Field<OffsetDateTime> CREATED_AT = time("addon_backup_schedules", "created_at");
    }

    public static final class Certificates {
        public static final Table<Record> T = table(name("certificates"));
        public static final Field<UUID> ID = col("certificates", "id", SQLDataType.UUID);
        public static final Field<UUID> APP_ID = col("certificates", "app_id", SQLDataType.UUID);
        public static final Field<String> NAME = col("certificates", "name", SQLDataType.CLOB);
        public static final Field<String> SOURCE = col("certificates", "source", SQLDataType.CLOB);
        public static final Field<String> CHAIN_PEM = col("certificates", "chain_pem", SQLDataType.CLOB);
        public static final Field<byte[]> KEY_SEALED = col("certificates", "key_sealed", SQLDataType.BLOB);
        public static final Field<String[]> CERT_DOMAINS = col("certificates", "cert_domains",
                SQLDataType.CLOB.array());
        public static final Field<String> SUBJECT = col("certificates", "subject", SQLDataType.CLOB);
        public static final Field<String> ISSUER = col("certificates", "issuer", SQLDataType.CLOB);
        public static final Field<Boolean> SELF_SIGNED = col("certificates", "self_signed", SQLDataType.BOOLEAN);
        public static final Field<Boolean> CA_SIGNED = col("certificates", "ca_signed", SQLDataType.BOOLEAN);
        public static final Field<OffsetDateTime> NOT_BEFORE = time("certificates", "not_before");
        public static final Field<OffsetDateTime> NOT_AFTER = time("certificates", "not_after");
        public static final Field<OffsetDateTime> CREATED_AT = time("certificates", "created_at");
        public static final Field<OffsetDateTime> UPDATED_AT = time("certificates", "updated_at");
    }

    public static final class AcmDomains {
        public static final Table<Record> T = table(name("acm_domains"));
        public static final Field<UUID> DOMAIN_ID = col("acm_domains", "domain_id", SQLDataType.UUID);
        public static final Field<UUID> APP_ID = col("acm_domains", "app_id", SQLDataType.UUID);
        public static final Field<String> STATUS = col("acm_domains", "status", SQLDataType.CLOB);
        public static final Field<String> REASON = col("acm_domains", "reason", SQLDataType.CLOB);
        public static final Field<Integer> ATTEMPTS = col("acm_domains", "attempts", SQLDataType.INTEGER);
        public static final Field<OffsetDateTime> NEXT_ATTEMPT_AT = time("acm_domains", "next_attempt_at");
        public static final Field<UUID> CERTIFICATE_ID = col("acm_domains", "certificate_id", SQLDataType.UUID);
        public static final Field<OffsetDateTime> UPDATED_AT = time("acm_domains", "updated_at");
    }

    public static final class AcmeChallenges {
        public static final Table<Record> T = table(name("acme_challenges"));
        public static final Field<String> TOKEN = col("acme_challenges", "token", SQLDataType.CLOB);
        public static final Field<String> KEY_AUTHORIZATION = col("acme_challenges", "key_authorization",
                SQLDataType.CLOB);
        public static final Field<UUID> DOMAIN_ID = col("acme_challenges", "domain_id", SQLDataType.UUID);
    }

    public static final class AcmeAccounts {
        public static final Table<Record> T = table(name("acme_accounts"));
        public static final Field<String> DIRECTORY_URL = col("acme_accounts", "directory_url", SQLDataType.CLOB);
        public static final Field<byte[]> KEY_SEALED = col("acme_accounts", "key_sealed", SQLDataType.BLOB);
    }

    public static final class AppFeatures {
        public static final Table<Record> T = table(name("app_features"));
        public static final Field<UUID> APP_ID = col("app_features", "app_id", SQLDataType.UUID);
        public static final Field<String> NAME = col("app_features", "name", SQLDataType.CLOB);
        public static final Field<OffsetDateTime> CREATED_AT = time("app_features", "created_at");
    }
}
