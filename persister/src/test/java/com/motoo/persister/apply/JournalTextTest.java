package com.motoo.persister.apply;

import com.motoo.engine.command.Command;
import com.motoo.engine.command.Symbol;
import com.motoo.persister.JournalDriver;
import com.motoo.persister.Persisters;
import com.motoo.persister.Rows;
import com.motoo.persister.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Text in the journal that PostgreSQL cannot hold as it is (a stock name listed before the gateway
 * refused control characters, or fed by a command file) is stored in a form it can hold, and the
 * persister goes on applying: it never retries one batch for ever.
 */
@ExtendWith(TestDatabase.class)
@Timeout(30)
class JournalTextTest {
    @TempDir
    Path journal;

    @Test
    void shouldStoreAStockNameWithANulAsTheReplacementCharacterAndApplyWhatFollows() throws Exception {
        try (JournalDriver driver = new JournalDriver(journal, 1_764_000_000_000L);
             TestDatabase.Schema db = TestDatabase.newSchema()) {
            // as a journal written before names were checked holds it (command files refuse it now)
            driver.process(new Command().list(Symbol.encode("Q1"), "a\u0000b", 1000));
            driver.run("ACCOUNT,1,1000000");

            Persisters.catchUp(journal, db.url(), PersisterRole.ALL, "t", 1_000);

            assertEquals(List.of("Q1,a\uFFFDb"), Rows.of(db.dataSource(), "SELECT symbol, name FROM symbols"));
            assertEquals(List.of("1,1000000"), Rows.of(db.dataSource(), "SELECT user_id, cash FROM accounts"),
                "the account opened after the listing is stored");
        }
    }
}
