package com.motoo.gateway;

import java.nio.file.Path;
import java.util.Properties;

/** Settings of a gateway under test: loopback, a free port, one I/O thread, cheap bcrypt, admin "boss", rankings read afresh on every call. */
final class LocalGateway {
    private LocalGateway() {
    }

    /** @return those settings, with the gateway's data directory under {@code dir}; add to them freely */
    static Properties settings(Path dir) {
        final Properties p = new Properties();
        p.setProperty(Configuration.PORT, "0");
        p.setProperty(Configuration.HOST, "127.0.0.1");
        p.setProperty(Configuration.IO_THREADS, "1");
        p.setProperty(Configuration.BCRYPT_COST, "4");
        p.setProperty(Configuration.ADMIN_USERS, "boss");
        p.setProperty(Configuration.RANKINGS_REFRESH_MILLIS, "0");
        p.setProperty(Configuration.DATA_DIR, dir.resolve("gateway").toString());
        return p;
    }
}
