package io.hindsight.search.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A completion for the search box: {@code kind} is title, service or name (an exception or class name). */
@RegisterForReflection
public record Suggestion(String text, String kind, String type, String id) {
}
