package io.hindsight.postmortem.service;

import io.hindsight.changefeed.ChangeFeed;
import io.hindsight.postmortem.domain.PostmortemStatus;
import io.hindsight.postmortem.repository.Postmortem;
import io.hindsight.postmortem.repository.PostmortemRepository;
import io.hindsight.postmortem.rest.CreatePostmortemRequest;
import io.hindsight.postmortem.rest.PostmortemView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Owns post-mortems; every change it makes is written to the change feed in the same transaction. */
@ApplicationScoped
public class PostmortemService {

    public static final String FEED_TYPE = "postmortem";

    private final PostmortemRepository postmortems;
    private final ChangeFeed feed;

    public PostmortemService(PostmortemRepository postmortems, ChangeFeed feed) {
        this.postmortems = postmortems;
        this.feed = feed;
    }

    @Transactional
    public PostmortemView create(CreatePostmortemRequest request, String actor) {
        Instant now = Instant.now();
        Postmortem p = new Postmortem();
        p.title = request.title().strip();
        p.summary = request.summary() == null ? "" : request.summary();
        p.incidentId = request.incidentId();
        p.status = PostmortemStatus.DRAFT;
        p.createdBy = actor;
        p.createdAt = now;
        p.updatedAt = now;
        postmortems.persist(p);
        PostmortemView view = PostmortemView.of(p);
        feed.append(FEED_TYPE, String.valueOf(p.id), "upsert", view);
        return view;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PostmortemView> find(long id) {
        return postmortems.findByIdOptional(id).map(PostmortemView::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PostmortemView> newest(List<PostmortemStatus> visible, int limit) {
        return postmortems.newest(visible, limit).stream().map(PostmortemView::of).toList();
    }
}
