package com.motoo.persister.query;

/**
 * A user's cash in the current epoch.
 *
 * @param epoch how many times the account was reset
 * @param reservedCash cash held by open buy orders (part of cash)
 */
public record AccountView(long userId, int epoch, long cash, long reservedCash) {
}
