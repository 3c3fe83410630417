package org.peerstats.streams.lists;

import java.util.List;

/**
 * How one kind of record is listed: the lists it belongs to and its place in each. A list is named
 * by a scope, bytes such as "organisation org-a, held badges only" built with {@link OrderedBytes};
 * a record's place is a sort key, the same in every list it is in. {@link IndexedStore} keeps one
 * entry per (scope, record) and a count per scope, so a page is a range scan and a total a get.
 *
 * @param <V> the record, as its topic carries it
 */
public interface ListLayout<V> {

    /** The scopes of the lists {@code value} is in; empty when it is listed nowhere. No duplicates. */
    List<byte[]> scopes(V value);

    /**
     * The record's place within each of its lists: the fields the lists are ordered by. The store
     * appends the record's key (its id), so records that tie come in the order of their ids and
     * every entry is unique.
     */
    byte[] sortKey(V value);
}
