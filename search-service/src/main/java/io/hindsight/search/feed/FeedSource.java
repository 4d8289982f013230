package io.hindsight.search.feed;

/** A change feed this service indexes: its name (the cursor key in the index commit) and how to read a page. */
public interface FeedSource {

    String name();

    FeedPage changesAfter(long after, int limit);
}
