-- Compaction (platform-changefeed's ChangeFeedCompaction) finds, for each old entry, a later entry of the same entity.
create index change_feed_entity_idx on change_feed (entity_type, entity_id, seq);
