package io.hindsight.postmortem.domain;

/** A domain rule that a post-mortem does not meet, naming the field at fault. */
public record RuleViolation(String field, String message) {
}
