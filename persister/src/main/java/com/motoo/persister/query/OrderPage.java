package com.motoo.persister.query;

import java.util.List;

/**
 * One page of a user's orders, newest accepted first.
 *
 * @param nextBeforeSeq pass as {@code beforeSeq} for the next page; null if this is the last page
 */
public record OrderPage(List<OrderView> orders, Long nextBeforeSeq) {
}
