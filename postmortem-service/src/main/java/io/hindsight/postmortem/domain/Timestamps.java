package io.hindsight.postmortem.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps at the database's precision (microseconds), so a value shown before and after a reload is the same. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
