package com.motoo.persister;

import com.motoo.engine.rules.MarketRules;
import com.motoo.journal.JournalQueues;
import com.motoo.persister.apply.PersisterRole;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/** Runs the real {@link PersisterAgent} in-process until it has applied the whole journal. Test code. */
public final class Persisters {
    private Persisters() {
    }

    /**
     * Starts an agent, waits until its applied index reaches the journal's last index, stops it.
     *
     * @return the agent (stopped)
     */
    public static PersisterAgent catchUp(Path journalDir, String url, PersisterRole role, String tailer, int batch)
        throws InterruptedException {
        final PersisterAgent agent = new PersisterAgent(journalDir, url, role, tailer, batch, 3600,
            MarketRules.krxDefaults(), new PrintStream(OutputStream.nullOutputStream()));
        final Thread thread = new Thread(agent, "test-" + tailer);
        final Throwable[] failure = new Throwable[1];
        thread.setUncaughtExceptionHandler((t, e) -> failure[0] = e);
        thread.start();
        try (SingleChronicleQueue queue = JournalQueues.events(journalDir)) {
            final long last = queue.lastIndex();
            while (agent.appliedIndex() != last && thread.isAlive()) {
                Thread.sleep(5);
            }
        } finally {
            agent.stop();
            thread.join();
        }
        if (failure[0] != null) {
            throw new AssertionError("persister failed", failure[0]);
        }
        return agent;
    }
}
