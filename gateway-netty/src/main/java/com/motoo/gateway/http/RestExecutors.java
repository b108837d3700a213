package com.motoo.gateway.http;

import java.util.concurrent.ExecutorService;

/**
 * Where the REST calls that may block run, off the event loops: database work on one pool, and
 * sign-up and login, whose password hashing takes a core for tens of milliseconds each, on another,
 * so that a burst of sign-ins (or of failed logins) queues behind itself and never behind the
 * database reads of every other user.
 *
 * @param database read-model queries and token and profile updates
 * @param passwordHashing sign-up and login; bounded, a full queue is answered 503 at once
 */
public record RestExecutors(ExecutorService database, ExecutorService passwordHashing) {
}
