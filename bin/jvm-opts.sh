# shellcheck shell=bash
# The JVM options of each component, as bin/platform starts them (bench/run-api measures the API with
# the default install's). Source it after bin/lib.sh (java_major, JAVA_HOME).

# README "Footprint" gives the reason for each figure.
# PAAS_AGENT_JAVA_OPTS, PAAS_BUILDER_JAVA_OPTS and PAAS_ROUTER_JAVA_OPTS replace a component's whole
# set; PAAS_JAVA_OPTS is added after the API's (a later option wins), in every mode.

# All four: the Serial collector (a heap of tens of MB needs no GC threads nor G1's remembered
# sets; the router swaps it for Parallel, below), heaps that start small and grow on demand,
# 512 kB stacks for platform threads, and free native memory handed back to the OS every 5 s
# (where the JVM has that option: 21.0.1+).
# glibc's per-thread malloc arenas (up to 8 per core) each keep their own free memory: two do (one
# measured no less in bench/run-platform: README "Footprint").
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
jvm_common_opts() {
    local opts="-XX:+UseSerialGC -Xss512k"
    ! "$JAVA_HOME/bin/java" -XX:TrimNativeHeapInterval=5000 -version >/dev/null 2>&1 ||
        opts="$opts -XX:TrimNativeHeapInterval=5000"
    # 8-byte object headers instead of 12 (a product option from JDK 25): a tenth off a heap of small objects.
    [ "$(java_major "$JAVA_HOME/bin/java")" -lt 25 ] || opts="$opts -XX:+UseCompactObjectHeaders"
    printf '%s' "$opts"
}

# The API: the largest class set (jOOQ, Jetty, Jackson, Flyway); C2 kept, requests are its hot path.
api_java_opts() {
    printf '%s' "$1 -Xms16m -Xmx192m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m"
}

# The runtime agent: waits on Docker and the API; C1 alone compiles what little runs hot.
agent_java_opts() {
    printf '%s' "$1 -Xms8m -Xmx96m -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=24m -XX:TieredStopAtLevel=1"
}

# The builder: waits on build containers; JGit indexes a pushed pack on the heap, hence the higher cap.
builder_java_opts() {
    printf '%s' "$1 -Xms8m -Xmx256m -XX:MaxMetaspaceSize=80m -XX:ReservedCodeCacheSize=24m -XX:TieredStopAtLevel=1"
}

# Netty's fast paths need Unsafe and java.nio internals; JDK 23+ asks for Unsafe by flag.
netty_java_opts() {
    local opts="--add-opens=java.base/java.nio=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true"
    [ "$(java_major "$JAVA_HOME/bin/java")" -lt 23 ] || opts="$opts --sun-misc-unsafe-memory-access=allow"
    # As bench/run-router measures it: Netty's faster internals, and no leak-tracking stack records (tests track leaks).
    printf '%s' "$opts --enable-native-access=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Dio.netty.leakDetection.level=disabled"
}

# The router: the Parallel collector in place of the common Serial (later options win), as throughput
# is its job: with Serial it measured 0.94x nginx at 1.10x its CPU, with Parallel 1.04x at 0.98x
# (bench/results/router.txt). Its young generation starts at 8 MB and may grow to 48 MB, which 256
# connections need (a fixed 48 MB took them from 0.98x at 1.05x its CPU to 1.03x at 1.01x), so that an
# idle router does not keep 48 MB of touched eden (README "Footprint"). Two GC threads whatever the core
# count: a heap this size is collected in a few ms by two. C2 stays: per-request speed matters.
router_java_opts() {
    printf '%s' "$(netty_java_opts) $1 -XX:-UseSerialGC -XX:+UseParallelGC -XX:ParallelGCThreads=2 -Xms16m -Xmx128m -XX:NewSize=8m -XX:MaxNewSize=48m -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=32m"
}

# The API, agent and builder in one JVM (PAAS_PROCESSES=2, the default): one heap for the three, capped
# below the sum of their caps as below. C2 alone, without tiers: what runs hot (the API's requests) is
# still compiled by C2, and the rest stays interpreted instead of filling 20-28 MB of code cache with
# C1 code of everything that ran a few times (7.9 MB after the load instead of 21.7; pushes and API
# rates within the runs' spread: bench/results/platform.txt). A 12 MB young generation, and an old one
# kept within 10-30% free: what they keep between requests is small (20 MB at idle), and young
# collections of it take a few ms.
control_plane_java_opts() {
    printf '%s' "$1 -XX:-TieredCompilation -Xms16m -Xmx320m -Xmn12m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m"
}

# One process (PAAS_PROCESSES=1): one heap for the four. Its cap is below the sum of the four caps
# (672 MB): their peaks are a push (the builder indexing a pack) and API load, which seldom coincide,
# and the classes they share (Jackson, Jetty, docker-java) are loaded once. C2 stays: the router and the
# API are in here. PAAS_ONE_PROCESS_JAVA_OPTS replaces the whole set.
one_process_java_opts() {
    printf '%s' "$(netty_java_opts) $1 -Xms24m -Xmx384m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m"
}

