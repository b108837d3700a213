package com.motoo.bench;

import org.openjdk.jmh.Main;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs the JMH benchmarks ({@code scripts/motoo bench-jmh [JMH options]}) the way BENCHMARKS.md
 * reports them: every fork gets a fixed heap plus exactly the flags of the project's
 * {@code jvm.options} (whatever this launcher JVM was started with), and the GC profiler is on so
 * that each result shows bytes allocated per operation. Without a benchmark pattern it runs the
 * engine benchmarks; without {@code -f} it uses {@value #FORKS} fork(s). Other JMH options pass
 * through ({@code -wi}, {@code -i}, {@code -p}, {@code -rf json}, ...); {@code -h} and {@code -l}
 * go to JMH's own command line.
 */
public final class BenchRunner {
    /** Heap of every fork, fixed so that runs compare. */
    static final String[] HEAP = {"-Xms2g", "-Xmx2g"};
    /** Forks unless the command line says otherwise. */
    static final int FORKS = 1;
    /** Benchmarks run when the command line names none. */
    static final String DEFAULT_INCLUDE = "com\\.motoo\\.bench\\.engine\\..*";

    private BenchRunner() {
    }

    /** Entry point; exits non-zero when the options are wrong or a benchmark fails. */
    public static void main(String[] args) throws Exception {
        final CommandLineOptions cli = new CommandLineOptions(args);
        if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers()
            || cli.shouldListResultFormats()) {
            Main.main(args);
            return;
        }
        final Path flagsFile = JvmOptionsFile.locate();
        final List<String> flags = JvmOptionsFile.read(flagsFile);
        System.out.println("# motoo: fork flags " + String.join(" ", HEAP) + " + " + flagsFile);
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .parent(cli)
            .jvmArgs(HEAP)
            .jvmArgsAppend(flags.toArray(new String[0]))
            .addProfiler(GCProfiler.class);
        if (!cli.getForkCount().hasValue()) {
            options.forks(FORKS);
        }
        if (cli.getIncludes().isEmpty()) {
            options.include(DEFAULT_INCLUDE);
        }
        new Runner(options.build()).run();
    }
}
