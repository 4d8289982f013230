package io.hindsight.postmortem.domain;

/** Written here, or imported from another tool (keeping the source's id and url). */
public enum SourceKind {
    NATIVE, IMPORT
}
