package dev.neonoauth.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process ({@code VmRSS} from {@code /proc/self/status}) and heap in use after a GC. */
public final class ProcessMemory {
    private ProcessMemory() {}

    /** VmRSS in MiB, or -1 where {@code /proc} is not available. */
    public static double rssMiB() {
        return rssMiB(Path.of("/proc/self/status"));
    }

    /** VmRSS in MiB from a {@code /proc/<pid>/status} file, or -1 when it cannot be read. */
    static double rssMiB(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Heap in use after {@code System.gc()} (a full collection with the default G1), in MiB. */
    public static double heapAfterGcMiB() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
