package org.peerstats.gateway.query;

import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.peerstats.gateway.detail.MentorDetailDirectory;
import org.peerstats.streams.Topics;
import org.peerstats.streams.detail.MentorDetailDocument;
import org.peerstats.streams.detail.MentorDetailLists;
import org.peerstats.streams.lists.IndexedStore;
import org.peerstats.streams.lists.Page;
import org.peerstats.streams.topology.StoreNames;

/**
 * Reads mentor-detail documents from this instance's copy of the global {@code mentor-details-global}
 * store. Every instance holds every mentor, so lookups and lists are local and lists are exact
 * whatever the number of instances; a list is a range scan over its entries in the store
 * ({@link MentorDetailLists}), so a page costs a page, not the organisation.
 */
public final class MentorDetailQueries implements MentorDetailDirectory {

    private final LocalStoreReader reader;
    private final Deserializer<MentorDetailDocument> documents;

    public MentorDetailQueries(LocalStoreReader reader, Topics topics) {
        this.reader = reader;
        this.documents = topics.mentorDetails().valueSerde().deserializer();
    }

    @Override
    public Optional<MentorDetailDocument> find(String mentorId) {
        return reader.read(StoreNames.MENTOR_DETAILS_GLOBAL, QueryableStoreTypes.<Bytes, byte[]>keyValueStore(),
                store -> IndexedStore.get(store, documents, mentorId));
    }

    @Override
    public Page<MentorDetailDocument> list(Optional<String> organisationId, Optional<String> status, long offset,
                                           int limit) {
        byte[] scope = MentorDetailLists.scope(organisationId, status);
        return reader.read(StoreNames.MENTOR_DETAILS_GLOBAL, QueryableStoreTypes.<Bytes, byte[]>keyValueStore(),
                store -> IndexedStore.list(store, documents, scope, offset, limit));
    }
}
