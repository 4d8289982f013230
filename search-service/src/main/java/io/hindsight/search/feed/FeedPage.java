package io.hindsight.search.feed;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

@RegisterForReflection
public record FeedPage(List<FeedChange> changes, long lastSeq, long headSeq, boolean hasMore) {
}
