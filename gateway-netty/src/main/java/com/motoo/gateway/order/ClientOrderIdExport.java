package com.motoo.gateway.order;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Copies the (user, order, client order id) of every PLACE in the {@link ClientOrderJournal} into
 * the read model's {@code order_client_ids} table, so that REST order lists show the ids clients
 * chose (the engine's journals, which the persisters read, do not carry them). Each {@link #run}
 * copies up to {@value #BATCH} records per transaction, as one statement (arrays unnested by
 * PostgreSQL: a row costs the database a few microseconds, not a statement each), together with
 * the journal index of the last one ({@code client_order_id_export}). A later record of the same
 * (user, order id) replaces the row: the gateway hands the order id of a rejected PLACE out again,
 * and only the last PLACE with an order id can be the order the engine accepted. Replaying records
 * therefore only repeats work, so a crash between the journal and the database, or a failed run,
 * loses nothing. A failure is logged (once until the next success) and the next run starts again
 * from the stored index.
 *
 * <p>Runs on the gateway's housekeeping scheduler every {@value #INTERVAL_MILLIS} ms, one run at a
 * time; {@link #close} after that scheduler has stopped.
 */
public final class ClientOrderIdExport implements Runnable, AutoCloseable {
    /** Records copied per transaction at most. */
    static final int BATCH = 5_000;
    /** How often the gateway runs the export. */
    public static final long INTERVAL_MILLIS = 200;
    private static final String NAME = "gateway";

    private final ClientOrderJournal journal;
    private final DataSource dataSource;
    private final Consumer<String> log;
    private ClientOrderJournal.Reader reader;
    private boolean failing;

    /**
     * @param journal the gateway's client-order journal
     * @param dataSource the read-model database (schema with {@code order_client_ids})
     * @param log where failures are reported
     */
    public ClientOrderIdExport(ClientOrderJournal journal, DataSource dataSource, Consumer<String> log) {
        this.journal = journal;
        this.dataSource = dataSource;
        this.log = log;
    }

    /** Copies the next batch, if any. Scheduler thread; never throws. */
    @Override
    public void run() {
        try {
            if (reader == null) {
                reader = journal.reader(storedIndex());
            }
            int copied;
            do {
                copied = copyBatch();
            } while (copied == BATCH);
            failing = false;
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                log.accept("client order id export failed, will retry: " + e.getMessage());
                failing = true;
            }
            close();
        }
    }

    /** The key of a row: one client order id per (user, order id). */
    private record OrderKey(long userId, long orderId) {
    }

    /** @return how many records were copied */
    private int copyBatch() throws SQLException {
        final Map<OrderKey, OrderView> lastOfEachOrder = new LinkedHashMap<>();
        int read = 0;
        while (read < BATCH) {
            final OrderView view = reader.next();
            if (view == null) {
                break;
            }
            lastOfEachOrder.put(new OrderKey(view.userId, view.orderId), view);
            read++;
        }
        if (read == 0) {
            return 0;
        }
        final List<OrderView> batch = new ArrayList<>(lastOfEachOrder.values());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement rows = c.prepareStatement("INSERT INTO order_client_ids (user_id, order_id,"
                + " client_order_id) SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[])"
                + " ON CONFLICT (user_id, order_id) DO UPDATE SET client_order_id = EXCLUDED.client_order_id");
                 PreparedStatement position = c.prepareStatement("INSERT INTO client_order_id_export (name, last_index)"
                     + " VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET last_index = EXCLUDED.last_index")) {
                final Long[] userIds = new Long[batch.size()];
                final Long[] orderIds = new Long[batch.size()];
                final String[] clientOrderIds = new String[batch.size()];
                for (int i = 0; i < batch.size(); i++) {
                    userIds[i] = batch.get(i).userId;
                    orderIds[i] = batch.get(i).orderId;
                    clientOrderIds[i] = batch.get(i).clientOrderId;
                }
                rows.setArray(1, c.createArrayOf("bigint", userIds));
                rows.setArray(2, c.createArrayOf("bigint", orderIds));
                rows.setArray(3, c.createArrayOf("text", clientOrderIds));
                rows.executeUpdate();
                position.setString(1, NAME);
                position.setLong(2, reader.lastIndex());
                position.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return read;
    }

    private long storedIndex() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT last_index FROM client_order_id_export WHERE name = ?")) {
            s.setString(1, NAME);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** Closes the journal reader (the next run reopens it at the stored index). */
    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
