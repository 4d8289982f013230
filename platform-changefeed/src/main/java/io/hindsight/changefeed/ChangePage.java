package io.hindsight.changefeed;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A page of the change feed. {@code lastSeq} is the cursor to pass as {@code after} for the next page;
 * {@code headSeq} is the newest sequence at the time of reading, for progress reporting, and never the reader's {@code after}:
 * a reader whose cursor is ahead of it knows the feed's numbers went back (reused after a crash, a restored database).
 */
@RegisterForReflection
public record ChangePage(List<ChangeFeedEntry> changes, long lastSeq, long headSeq, boolean hasMore) {
}
