package com.motoo.gateway.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A read-model row as a REST answer writes it: every field of the row, then {@code ts}, the row's
 * time under the name PROTOCOL.md gives timestamps (the row's own name for it, such as
 * {@code tsMs} or {@code minuteMs}, stays as it was). Immutable; written by Jackson on the worker
 * thread that answers.
 *
 * @param row a read-model record, written field by field in its place
 * @param ts the row's time, epoch ms
 */
record Timestamped(@JsonUnwrapped Object row, long ts) {
}
