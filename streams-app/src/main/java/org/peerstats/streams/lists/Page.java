package org.peerstats.streams.lists;

import java.util.List;

/** One page of a list, and how many records the whole list has. */
public record Page<V>(List<V> items, long total) {

    public Page {
        items = List.copyOf(items);
    }
}
