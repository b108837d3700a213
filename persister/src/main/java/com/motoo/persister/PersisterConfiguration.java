package com.motoo.persister;

import com.motoo.persister.apply.PersisterRole;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Everything one persister process is told on its command line, with the defaults side by side,
 * validated once. Immutable.
 *
 * <pre>
 * --journal DIR        engine journal directory (holds events/)            required
 * --db URL             JDBC URL of PostgreSQL                              or --embedded-db
 * --embedded-db DIR    start an embedded PostgreSQL on this data directory (persistent)
 * --db-port N          port of the embedded PostgreSQL                    0 (any free port)
 * --schema NAME        schema to migrate and write                         public
 * --role R             accounts | orders | all                             all
 * --tailer NAME        tailer name, key of the stored offset               persister-&lt;role&gt;
 * --batch N            most events per transaction                         250000
 * --report-seconds N   how often to print progress and lag                 5
 * </pre>
 */
public record PersisterConfiguration(Path journalDir, String jdbcUrl, Path embeddedDataDir, int embeddedPort,
                                     String schema, PersisterRole role, String tailer, int batchEvents,
                                     int reportSeconds) {
    /** Default for {@code --batch}. */
    public static final int DEFAULT_BATCH_EVENTS = 250_000;

    /**
     * Parses command-line arguments.
     *
     * @throws IllegalArgumentException with a message naming the bad or missing option
     */
    public static PersisterConfiguration parse(String... args) {
        Path journal = null;
        String url = null;
        Path embedded = null;
        int port = 0;
        String schema = "public";
        PersisterRole role = PersisterRole.ALL;
        String tailer = null;
        int batch = DEFAULT_BATCH_EVENTS;
        int report = 5;
        for (int i = 0; i < args.length; i++) {
            final String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            final String value = args[++i];
            switch (option) {
                case "--journal" -> journal = Path.of(value);
                case "--db" -> url = value;
                case "--embedded-db" -> embedded = Path.of(value);
                case "--db-port" -> port = number(option, value, 0, 65_535);
                case "--schema" -> schema = identifier(value);
                case "--role" -> role = role(value);
                case "--tailer" -> tailer = value;
                case "--batch" -> batch = number(option, value, 1, 10_000_000);
                case "--report-seconds" -> report = number(option, value, 1, 86_400);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (journal == null) {
            throw new IllegalArgumentException("--journal DIR is required");
        }
        if ((url == null) == (embedded == null)) {
            throw new IllegalArgumentException("give exactly one of --db URL and --embedded-db DIR");
        }
        if (tailer == null) {
            tailer = "persister-" + role.name().toLowerCase(Locale.ROOT);
        }
        return new PersisterConfiguration(journal, url, embedded, port, schema, role, tailer, batch, report);
    }

    /** @return the JDBC URL with {@code currentSchema} set to the schema */
    public static String withSchema(String jdbcUrl, String schema) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static PersisterRole role(String value) {
        try {
            return PersisterRole.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--role must be accounts, orders or all, not '" + value + "'", e);
        }
    }

    private static String identifier(String value) {
        if (!value.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("--schema must be a lower-case SQL identifier, not '" + value + "'");
        }
        return value;
    }

    private static int number(String option, String value, int min, int max) {
        final int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs an integer, not '" + value + "'", e);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max);
        }
        return n;
    }
}
