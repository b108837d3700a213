/**
 * The sequencer pipeline that turns the engine into a durable service; the engine process and
 * the gateway both embed it through {@link com.motoo.engine.pipeline.CommandPipeline}.
 *
 * <h2>Threads and hand-offs</h2>
 * <pre>
 *  producers (gateway I/O threads, any number)
 *     │ submit(sessionId, requestId, command): RingBuffer.tryNext → copy → publish; BUSY when full
 *     ▼
 *  Disruptor ring of preallocated CommandSlots (multi-producer)
 *     ▼
 *  "motoo-journal" (stage 1, JournalHandler, the sequencer): stamps sequence (+1 per command, no
 *     gaps) and the batch's timestamp from the injected EpochClock, appends to the CommandJournal;
 *     at the end of a batch the journal writes it (one excerpt) and makes it durable (msync in
 *     SYNC mode)
 *     ▼ (gated: the engine thread sees a slot only after stage 1 has finished its whole batch)
 *  "motoo-engine" (stage 2, EngineHandler): MatchingEngine.process; every event goes first to the
 *     EventJournal (bracketed per command, tagged with its sequence), then to the PipelineOutput
 *     with the command's correlation; after each batch, market data copies for changed symbols
 *     to the MarketDataListener; scheduled, requested and shutdown snapshots are encoded here
 *     ▼ (an executor queue; the bytes are handed over whole)
 *  "motoo-snapshot" (SnapshotWriter): writes each snapshot file (temp, fsync, atomic rename)
 * </pre>
 * That is {@link com.motoo.engine.pipeline.StagePlacement#TWO_THREADS}. The default,
 * {@link com.motoo.engine.pipeline.StagePlacement#ONE_THREAD}, runs both stages on one thread,
 * "motoo-pipeline" (CombinedStageHandler): per ring batch, stage 1 for every slot, then stage 2 for
 * the same slots; on 2 cores that leaves one core for the producers (measured in BENCHMARKS.md).
 * Results therefore leave the process only after their command is journaled. Nothing is shared
 * between threads except through the ring's sequences; producers never wait.
 *
 * <h2>Start-up</h2>
 * The pipeline loads the newest valid snapshot; the journal module then replays the command
 * journal after it through {@link com.motoo.engine.pipeline.CommandPipeline#replay} (one call for
 * the whole journal, read through {@link com.motoo.engine.pipeline.JournaledCommands}; events
 * already in the event journal are not written again; the output hears nothing) and starts the
 * threads. engine-core holds only the interfaces of the journals; their Chronicle Queue
 * implementations live in the journal module.
 */
package com.motoo.engine.pipeline;
