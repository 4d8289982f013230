package io.hindsight.postmortem.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The one rule for who sees a lesson. A lesson is as public as the most public post-mortem that teaches it: what a
 * draft taught is not public until the draft is. A library lesson (written on its own, {@code POST /api/lessons}, or
 * the starter set) did not come from any post-mortem and is published from the start. Which post-mortems a caller is
 * told teach a lesson (its {@code postmortemIds}, and its recurrence, their number) are only those the caller may see
 * ({@link PostmortemVisibility}).
 */
public final class LessonVisibility {

    private LessonVisibility() {
    }

    /** The state of a lesson: PUBLISHED if it is a library lesson or a published post-mortem teaches it, etc. */
    public static PostmortemStatus status(boolean library, Collection<PostmortemStatus> taughtBy) {
        if (library || taughtBy.contains(PostmortemStatus.PUBLISHED)) {
            return PostmortemStatus.PUBLISHED;
        }
        return taughtBy.contains(PostmortemStatus.IN_REVIEW) ? PostmortemStatus.IN_REVIEW : PostmortemStatus.DRAFT;
    }

    public static boolean visible(PostmortemVisibility caller, boolean library, Collection<PostmortemStatus> taughtBy) {
        return caller.sees(status(library, taughtBy));
    }

    /** The post-mortems teaching the lesson that the caller may see, by id ascending. */
    public static List<Long> postmortemIds(PostmortemVisibility caller, Map<Long, PostmortemStatus> taughtBy) {
        return taughtBy.entrySet().stream().filter(e -> caller.sees(e.getValue())).map(Map.Entry::getKey).sorted().toList();
    }
}
