# Written to /app/.profile.d/jvm.sh by the Java buildpack and sourced by /bin/sh (dash) before every process:
# JDBC drivers cannot read DATABASE_URL's postgres://user:pass@host:port/db form, so it is given to them as
# JDBC_DATABASE_URL (credentials in the query string), JDBC_DATABASE_USERNAME and JDBC_DATABASE_PASSWORD, and to
# Spring Boot as SPRING_DATASOURCE_* (unless DISABLE_SPRING_DATASOURCE_URL is set). Variables already set win.
# POSIX sh only: this runs in dash, and in whatever shell a buildpack-built image's users start.

paas_jdbc_decode() {
    # Percent-decodes $1: the URL's user and password are URL-encoded, the variables hold the real values.
    _in=$1 _out=
    while [ -n "$_in" ]; do
        case $_in in
            %[0-9A-Fa-f][0-9A-Fa-f]*)
                _hex=${_in#%}
                _rest=${_hex#??}
                _hex=${_hex%"$_rest"}
                _out=$_out$(printf "\\$(printf '%03o' "$((0x$_hex))")x")
                _out=${_out%x}
                _in=$_rest
                ;;
            *)
                _rest=${_in#?}
                _out=$_out${_in%"$_rest"}
                _in=$_rest
                ;;
        esac
    done
    printf '%s' "$_out"
}

paas_jdbc_encode() {
    # Percent-encodes $1 for a query string, where pgjdbc decodes it again (a raw + would become a space).
    _in=$1 _out=
    while [ -n "$_in" ]; do
        _rest=${_in#?}
        _c=${_in%"$_rest"}
        case $_c in
            [A-Za-z0-9._~-]) _out=$_out$_c ;;
            *) _out=$_out$(printf '%%%02X' "'$_c") ;;
        esac
        _in=$_rest
    done
    printf '%s' "$_out"
}

paas_jdbc_export() {
    case $DATABASE_URL in
        postgres://*|postgresql://*) ;;
        *) return 0 ;;
    esac
    _rest=${DATABASE_URL#*://}
    _user= _pass=
    case $_rest in
        *@*)
            # The last @ ends the credentials: an unencoded @ in a password stays part of it.
            _creds=${_rest%@*}
            _rest=${_rest##*@}
            _user=${_creds%%:*}
            case $_creds in *:*) _pass=${_creds#*:} ;; esac
            ;;
    esac
    _params=
    case $_rest in
        *\?*) _params=${_rest#*\?} _rest=${_rest%%\?*} ;;
    esac
    JDBC_DATABASE_USERNAME=$(paas_jdbc_decode "$_user")
    JDBC_DATABASE_PASSWORD=$(paas_jdbc_decode "$_pass")
    _query=
    [ -z "$_user" ] || _query="user=$(paas_jdbc_encode "$JDBC_DATABASE_USERNAME")"
    [ -z "$_pass" ] || _query="$_query${_query:+&}password=$(paas_jdbc_encode "$JDBC_DATABASE_PASSWORD")"
    [ -z "$_params" ] || _query="$_query${_query:+&}$_params"
    JDBC_DATABASE_URL="jdbc:postgresql://$_rest${_query:+?}$_query"
    export JDBC_DATABASE_URL JDBC_DATABASE_USERNAME JDBC_DATABASE_PASSWORD
}

if [ -n "${DATABASE_URL:-}" ] && [ -z "${JDBC_DATABASE_URL:-}" ]; then
    paas_jdbc_export
fi
if [ -n "${JDBC_DATABASE_URL:-}" ] && [ -z "${DISABLE_SPRING_DATASOURCE_URL:-}" ] \
        && [ -z "${SPRING_DATASOURCE_URL:-}" ]; then
    export SPRING_DATASOURCE_URL="$JDBC_DATABASE_URL" \
        SPRING_DATASOURCE_USERNAME="${JDBC_DATABASE_USERNAME:-}" \
        SPRING_DATASOURCE_PASSWORD="${JDBC_DATABASE_PASSWORD:-}"
fi
unset -f paas_jdbc_decode paas_jdbc_encode paas_jdbc_export
unset _in _out _c _hex _rest _creds _user _pass _params _query
