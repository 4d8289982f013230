package io.hindsight.postmortem.domain;

/** Where an action item stands; DONE and WONT_DO are closed. */
public enum ActionItemStatus {
    OPEN, IN_PROGRESS, DONE, WONT_DO;

    public boolean closed() {
        return this == DONE || this == WONT_DO;
    }
}
