package io.hindsight.search.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * One page of the ids of the documents of one type in this replica's index, in id order, duplicates kept:
 * {@code total} counts documents, {@code distinct} their ids, so an index holding a document twice shows it.
 */
@RegisterForReflection
public record IndexIds(String type, int total, int distinct, int offset, List<String> ids, Integer nextOffset) {
}
