package io.hindsight.postmortem.repository;

/**
 * Post-mortems and revisions take their ids from database sequences that advance by {@link #ALLOCATION}: Hibernate
 * reserves that many ids with one {@code nextval} (pooled optimizer) and can then send inserts in JDBC batches, which
 * identity columns prevent (each insert would have to run alone to return its id). Migration V5 creates the sequences.
 */
public final class SequenceIds {

    /** The sequences' increment; must equal the entities' {@code allocationSize}. */
    public static final int ALLOCATION = 50;

    private SequenceIds() {
    }
}
