package org.peerstats.gateway.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.peerstats.gateway.detail.MentorDetailDirectory;
import org.peerstats.streams.topology.StoreNames;
import org.peerstats.streams.detail.MentorDetailDocument;

/**
 * Reads mentor-detail documents from this instance's copy of the global {@code mentor-details-global}
 * store. Every instance holds every mentor, so lookups and lists are local and lists are exact
 * whatever the number of instances.
 */
public final class MentorDetailQueries implements MentorDetailDirectory {

    private final LocalStoreReader reader;

    public MentorDetailQueries(LocalStoreReader reader) {
        this.reader = reader;
    }

    @Override
    public Optional<MentorDetailDocument> find(String mentorId) {
        return reader.read(StoreNames.MENTOR_DETAILS_GLOBAL,
                QueryableStoreTypes.<String, MentorDetailDocument>keyValueStore(),
                store -> Optional.ofNullable(store.get(mentorId)));
    }

    @Override
    public List<MentorDetailDocument> matching(Predicate<MentorDetailDocument> filter) {
        return reader.read(StoreNames.MENTOR_DETAILS_GLOBAL,
                QueryableStoreTypes.<String, MentorDetailDocument>keyValueStore(),
                store -> {
                    List<MentorDetailDocument> found = new ArrayList<>();
                    try (KeyValueIterator<String, MentorDetailDocument> it = store.all()) {
                        while (it.hasNext()) {
                            KeyValue<String, MentorDetailDocument> entry = it.next();
                            if (filter.test(entry.value)) {
                                found.add(entry.value);
                            }
                        }
                    }
                    return found;
                });
    }
}
