package com.motoo.gateway.order;

/**
 * Which order a {@code modify} or {@code cancel} means: by the server's numeric id or by the
 * client's id (exactly one is set). Immutable.
 *
 * @param orderId the server-assigned id, or 0
 * @param clientOrderId the client's id, or null
 */
public record OrderTarget(long orderId, String clientOrderId) {
}
