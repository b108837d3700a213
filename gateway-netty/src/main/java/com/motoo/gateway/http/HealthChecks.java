package com.motoo.gateway.http;

import java.util.function.BooleanSupplier;

/**
 * What {@code GET /health} reports.
 *
 * @param pipeline whether the pipeline takes commands (the status: UP, else BUSY with 503)
 * @param readModel whether the read-model database answered the gateway's last poll (reported as
 *        {@code readModel} UP or DOWN; orders still go through while it is down, reads and sign-ins do not)
 */
public record HealthChecks(BooleanSupplier pipeline, BooleanSupplier readModel) {
}
