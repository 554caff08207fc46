package dev.paas.client;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Process sizes, Heroku's names, with the limits a runtime agent enforces for each. */
public enum DynoSize {
    STANDARD_1X("standard-1X", 512, 256),
    STANDARD_2X("standard-2X", 1024, 512),
    PERFORMANCE_M("performance-M", 2560, 1024),
    PERFORMANCE_L("performance-L", 14336, 4096);

    public static final DynoSize DEFAULT = STANDARD_1X;

    private final String wireName;
    private final int memoryMb;
    private final int pids;

    DynoSize(String wireName, int memoryMb, int pids) {
        this.wireName = wireName;
        this.memoryMb = memoryMb;
        this.pids = pids;
    }

    public String wireName() {
        return wireName;
    }

    public int memoryMb() {
        return memoryMb;
    }

    public int pids() {
        return pids;
    }

    /** By name, ignoring case, as {@code paas ps:scale web=1:Standard-2X} allows. */
    public static Optional<DynoSize> of(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equalsIgnoreCase(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(DynoSize::wireName).toList();
    }
}
