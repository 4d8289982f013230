package io.hindsight.incident.domain;

/** A mark in WHAT WE'VE TRIED: it worked, it ruled something out, or it didn't help. */
public enum TriedResult {
    WORKED, RULED_OUT, DID_NOT_HELP
}
