package com.motoo.bench.pipeline;

import com.motoo.engine.pipeline.CompletionOnlyOutput;
import com.motoo.engine.pipeline.MarketDataListener;
import com.motoo.engine.pipeline.PipelineConfig;
import com.motoo.journal.Durability;
import com.motoo.journal.process.EngineProcess;

import java.nio.file.Path;

/**
 * One start-up of a journal directory in a fresh JVM, as a real restart of the engine process
 * does it: {@code RecoveryStartUp DIR MMAP|SYNC} opens {@link EngineProcess} (journals, newest
 * usable snapshot, replay of the command journal after it), prints one line
 * {@code snapshot=S replayed=N startUpNanos=T replayNanos=R} for {@link RecoveryBenchmark} to read, and closes it again (which writes a snapshot when it
 * replayed anything: the caller restores the snapshot directory before the next start-up).
 */
public final class RecoveryStartUp {
    /** Prefix of the result line. */
    static final String RESULT = "snapshot=";

    private RecoveryStartUp() {
    }

    /** Exit status 64 for bad arguments. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: RecoveryStartUp DIR MMAP|SYNC");
            System.exit(64);
        }
        final PipelineConfig config = new PipelineConfig().log(line -> { });
        final EngineProcess process = EngineProcess.open(Path.of(args[0]), Durability.valueOf(args[1]), config,
            new CompletionOnlyOutput() {
                @Override
                public void onCommandEnd(long sessionId, long requestId) {
                }
            }, MarketDataListener.NONE);
        final long snapshot = process.pipeline().snapshotSequence();
        System.out.println(RESULT + snapshot + " replayed=" + process.replayedCommands() + " startUpNanos="
            + process.recoveryNanos() + " replayNanos=" + process.replayNanos());
        process.close();
    }
}
