package com.motoo.persister.apply;

import com.motoo.engine.event.EngineEventListener;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One group of read-model tables and the in-memory state needed to keep them right. It receives
 * every event (reading where it comes from in the shared {@link EventContext}), collects the rows
 * to write, and writes them in {@link #flush} inside the caller's transaction. All methods run on
 * the persister's single applying thread.
 */
interface ReadModelSink extends EngineEventListener {
    /** Replaces the in-memory state with what the database holds (after a start or a failed batch). */
    void load(Connection connection) throws SQLException;

    /** Writes what the events since the last flush changed; the caller commits or rolls back. */
    void flush(Connection connection) throws SQLException;

    /** Called after the flushed transaction committed: forget what was written. */
    void committed();
}
