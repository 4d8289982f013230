package io.hindsight.search.feed;

/**
 * A feed answered, but with a page this service cannot read (not JSON, not a page, or refused with a 4xx that is not
 * about authentication or rate): unlike an unreachable feed, a smaller page, or skipping the entry, can get past it.
 */
public class UnreadablePage extends RuntimeException {

    public UnreadablePage(String message, Throwable cause) {
        super(message, cause);
    }

    public UnreadablePage(String message) {
        super(message);
    }
}
