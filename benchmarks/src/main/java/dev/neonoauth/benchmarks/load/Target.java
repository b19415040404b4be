package dev.neonoauth.benchmarks.load;

import dev.neonoauth.app.web.RunningApp;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The app-web under load, and what the harness reads of it: in this JVM ({@code --app inprocess}, the default: its
 * memory and CPU are then the harness's process, load generator included) or in a process of its own started by its
 * launcher ({@code --app process}: app-web's alone).
 */
abstract class Target implements AutoCloseable {
    private final Path dir;

    private Target(Path dir) {
        this.dir = dir;
    }

    abstract URI base();

    abstract long pid();

    abstract double rssMiB();

    /** User plus system CPU time of app-web's process so far, in milliseconds. */
    abstract double cpuMillis();

    abstract double heapAfterGcMiB();

    @Override
    public abstract void close();

    /** The size of the embedded H2 database files ({@code *.mv.db}) in the run's directory; NaN when there are none. */
    final double dbFileMiB() {
        try (Stream<Path> files = Files.list(dir)) {
            long[] total = {0, 0};
            files.filter(f -> f.getFileName().toString().endsWith(".mv.db")).forEach(f -> {
                try {
                    total[0] += Files.size(f);
                    total[1]++;
                } catch (IOException gone) {
                    // deleted between listing and reading: not counted
                }
            });
            return total[1] == 0 ? Double.NaN : total[0] / (1024.0 * 1024.0);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    static Target inProcess(RunningApp app, Path dir) {
        return new Target(dir) {
            @Override
            URI base() {
                return URI.create("http://127.0.0.1:" + app.port());
            }

            @Override
            long pid() {
                return ProcessHandle.current().pid();
            }

            @Override
            double rssMiB() {
                return ProcessMemory.rssMiB();
            }

            @Override
            double cpuMillis() {
                return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e6)
                        .orElse(Double.NaN);
            }

            @Override
            double heapAfterGcMiB() {
                return ProcessMemory.heapAfterGcMiB();
            }

            @Override
            public void close() {
                app.close();
            }
        };
    }

    static Target process(AppProcess app, Path dir) {
        return new Target(dir) {
            @Override
            URI base() {
                return app.base();
            }

            @Override
            long pid() {
                return app.pid();
            }

            @Override
            double rssMiB() {
                return app.rssMiB();
            }

            @Override
            double cpuMillis() {
                return app.cpuMillis();
            }

            @Override
            double heapAfterGcMiB() {
                return app.heapAfterGcMiB();
            }

            @Override
            public void close() {
                app.close();
            }
        };
    }
}
