package com.motoo.bench.pipeline;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Linux says about the pipeline's hot threads over a measured window, read from
 * {@code /proc/self/task/TID/{comm,schedstat,stat,status}}: time on a core, time runnable but
 * waiting for a core (preempted by another thread), time neither (sleeping or blocked in the
 * kernel), page faults and involuntary context switches. It tells what a latency tail is made of.
 * Empty where {@code /proc} has no such files. Main thread only; allocates (not on a measured path:
 * taken just before and just after the window).
 */
final class ThreadStats {
    /** Linux reports kernel time in clock ticks of 10 ms (USER_HZ 100). */
    private static final long MILLIS_PER_TICK = 10;
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private final List<Sample> samples;
    private final long wallNanos;

    private ThreadStats(List<Sample> samples, long wallNanos) {
        this.samples = samples;
        this.wallNanos = wallNanos;
    }

    /** One thread's counters at one moment. */
    private record Sample(String name, String tid, long runNanos, long waitNanos, long kernelTicks, long minorFaults,
                          long majorFaults, long involuntarySwitches) {
    }

    /** @return whether this machine tells what the threads did (Linux's {@code /proc/thread-self}) */
    static boolean available() {
        return Files.exists(THREAD_SELF);
    }

    /**
     * Reads the counters of the calling thread (named "producer") and of every thread whose name
     * starts with "motoo-".
     */
    static ThreadStats take() {
        final List<Sample> samples = new ArrayList<>();
        final long now = System.nanoTime();
        try {
            if (available()) {
                samples.add(read("producer", THREAD_SELF.toRealPath()));
            }
            final Path tasks = Path.of("/proc/self/task");
            if (Files.isDirectory(tasks)) {
                try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tasks)) {
                    for (Path task : dirs) {
                        final String name = Files.readString(task.resolve("comm")).strip();
                        if (name.startsWith("motoo-")) {
                            samples.add(read(name, task));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            samples.clear();
        }
        return new ThreadStats(samples, now);
    }

    private static Sample read(String name, Path task) throws IOException {
        final String[] sched = Files.readString(task.resolve("schedstat")).strip().split(" ");
        final String stat = Files.readString(task.resolve("stat"));
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long involuntary = 0;
        for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return new Sample(name, task.getFileName().toString(), Long.parseLong(sched[0]), Long.parseLong(sched[1]),
            Long.parseLong(fields[12]), Long.parseLong(fields[7]), Long.parseLong(fields[9]), involuntary);
    }

    /**
     * @return one line per thread seen in both samples: what it did between {@code before} and
     *         this sample, in milliseconds of the window
     */
    String since(ThreadStats before) {
        final StringBuilder out = new StringBuilder();
        final double window = (wallNanos - before.wallNanos) / 1e6;
        for (Sample now : samples) {
            for (Sample then : before.samples) {
                if (then.tid().equals(now.tid())) {
                    final double run = (now.runNanos() - then.runNanos()) / 1e6;
                    final double wait = (now.waitNanos() - then.waitNanos()) / 1e6;
                    out.append(String.format("      %-15s on a core %7.1f ms (%,d ms in the kernel), runnable waiting "
                            + "%6.1f ms, sleeping/blocked %7.1f ms of %.0f ms; faults %,d minor %,d major; "
                            + "%,d preemptions%n",
                        now.name(), run, (now.kernelTicks() - then.kernelTicks()) * MILLIS_PER_TICK, wait,
                        Math.max(0, window - run - wait), window,
                        now.minorFaults() - then.minorFaults(), now.majorFaults() - then.majorFaults(),
                        now.involuntarySwitches() - then.involuntarySwitches()));
                }
            }
        }
        return out.toString();
    }
}
