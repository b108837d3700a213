package com.motoo.gateway.http;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Users ranked by total return on the read model: equity (cash plus positions of the current
 * epoch at the last price, or the base price before a trade) against the starting cash. Only
 * users who opted in are named. Blocking JDBC: worker threads only. Thread-safe.
 */
final class RankingsQuery {
    private static final String SQL =
        "SELECT a.user_id, u.display_name, u.rankings_opt_in,"
            + " a.cash + COALESCE(SUM(p.qty * COALESCE(s.last_price, s.base_price)), 0) AS equity"
            + " FROM accounts a JOIN users u ON u.id = a.user_id"
            + " LEFT JOIN positions p ON p.user_id = a.user_id AND p.epoch = a.epoch AND p.qty > 0"
            + " LEFT JOIN symbols s ON s.symbol = p.symbol"
            + " GROUP BY a.user_id, u.display_name, u.rankings_opt_in, a.cash"
            + " ORDER BY equity DESC, a.user_id LIMIT ?";

    private final DataSource dataSource;
    private final long startingCash;

    RankingsQuery(DataSource dataSource, long startingCash) {
        this.dataSource = dataSource;
        this.startingCash = startingCash;
    }

    /**
     * @param callerId the asking user, marked {@code "you":true} in the list
     * @param limit how many ranks
     * @return rank, displayName (null unless opted in), equity, totalReturn (percent), you
     */
    List<Map<String, Object>> top(long callerId, int limit) throws SQLException {
        final List<Map<String, Object>> ranks = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SQL)) {
            s.setInt(1, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    final long equity = r.getLong(4);
                    final Map<String, Object> row = new LinkedHashMap<>();
                    row.put("rank", ranks.size() + 1);
                    row.put("displayName", r.getBoolean(3) ? r.getString(2) : null);
                    row.put("equity", equity);
                    row.put("totalReturn", startingCash == 0 ? 0.0
                        : Math.round((equity - startingCash) * 10_000.0 / startingCash) / 100.0);
                    row.put("you", r.getLong(1) == callerId);
                    ranks.add(row);
                }
            }
        }
        return ranks;
    }
}
