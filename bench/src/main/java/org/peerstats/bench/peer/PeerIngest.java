package org.peerstats.bench.peer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.peerstats.bench.CpuUsage;
import org.peerstats.bench.workload.TimedEvent;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.EventOp;

/**
 * Writes activity events into the peer's tables the way a web backend would: each connection
 * takes the events of its own mentors (a mentor always goes to the same connection, so its
 * events apply in their order and the end state is deterministic) and writes them one statement
 * per event, either each in its own autocommit transaction ({@code batchSize} 1: one event per
 * request) or {@code batchSize} at a time in one transaction (JDBC batches, one commit per batch).
 *
 * <p>An upsert is {@code INSERT ... ON CONFLICT (activity_id) DO UPDATE}, which changes the row
 * only when the event differs from it and the row is not a tombstone, so a redelivery changes
 * nothing and a delete is final. The same statement records the mentor's organisation the first
 * time the mentor is seen. A delete marks the row deleted (inserting a tombstone for an id never
 * seen).
 */
public final class PeerIngest {

    static final String UPSERT = """
            WITH mentor AS (
                INSERT INTO mentors (peer_mentor_id, organisation_id) VALUES (?, ?)
                ON CONFLICT (peer_mentor_id) DO NOTHING)
            INSERT INTO activities AS a (activity_id, peer_mentor_id, organisation_id, type, mentee_id, occurred_at,
                                         duration_minutes, changed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (activity_id) DO UPDATE SET
                peer_mentor_id = EXCLUDED.peer_mentor_id, organisation_id = EXCLUDED.organisation_id,
                type = EXCLUDED.type, mentee_id = EXCLUDED.mentee_id, occurred_at = EXCLUDED.occurred_at,
                duration_minutes = EXCLUDED.duration_minutes, changed_at = EXCLUDED.changed_at
            WHERE NOT a.deleted
              AND (a.peer_mentor_id, a.type, a.mentee_id, a.occurred_at, a.duration_minutes)
                  IS DISTINCT FROM (EXCLUDED.peer_mentor_id, EXCLUDED.type, EXCLUDED.mentee_id, EXCLUDED.occurred_at,
                                    EXCLUDED.duration_minutes)
            """;

    static final String DELETE = """
            INSERT INTO activities AS a (activity_id, peer_mentor_id, deleted) VALUES (?, ?, true)
            ON CONFLICT (activity_id) DO UPDATE SET deleted = true, changed_at = ?
            WHERE NOT a.deleted
            """;

    /** Opens one connection to the peer's database. */
    public interface Connections {
        Connection open() throws SQLException;
    }

    /**
     * @param serverCpuMicrosPerEvent the CPU of every process but this JVM (the PostgreSQL server's
     *                                backends, mostly) per event, when the machine's counters are readable
     * @param clientCpuMicrosPerEvent this JVM's CPU per event (JDBC, the writing threads)
     */
    public record Result(String name, long events, int connections, int batchSize, long transactions, double seconds,
                         double eventsPerSecond, double serverCpuMicrosPerEvent, double clientCpuMicrosPerEvent) {
    }

    private PeerIngest() {
    }

    /** Applies {@code events} (in their order per mentor) over {@code connections} connections. */
    public static Result run(String name, Connections source, List<TimedEvent> events, int connections, int batchSize)
            throws SQLException, InterruptedException {
        List<List<TimedEvent>> byConnection = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            byConnection.add(new ArrayList<>());
        }
        for (TimedEvent event : events) {
            byConnection.get(Math.floorMod(event.value().peerMentorId().hashCode(), connections)).add(event);
        }
        List<Connection> opened = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(connections, runnable -> {
            Thread thread = new Thread(runnable, "peer-ingest");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int i = 0; i < connections; i++) {
                opened.add(source.open());
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> done = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Connection connection = opened.get(i);
                List<TimedEvent> mine = byConnection.get(i);
                Callable<Long> writer = () -> {
                    go.await();
                    return batchSize <= 1 ? writeOneByOne(connection, mine) : writeInBatches(connection, mine,
                            batchSize);
                };
                done.add(threads.submit(writer));
            }
            Optional<CpuUsage.Snapshot> cpuBefore = CpuUsage.snapshot();
            long started = System.nanoTime();
            go.countDown();
            long transactions = 0;
            for (Future<Long> writer : done) {
                transactions += writer.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Optional<CpuUsage.Usage> cpu = CpuUsage.between(cpuBefore, CpuUsage.snapshot());
            double serverCpu = cpu.map(u -> u.otherCores() * seconds * 1e6 / events.size()).orElse(Double.NaN);
            double clientCpu = cpu.map(u -> u.selfCores() * seconds * 1e6 / events.size()).orElse(Double.NaN);
            return new Result(name, events.size(), connections, Math.max(1, batchSize), transactions, seconds,
                    events.size() / seconds, serverCpu, clientCpu);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("peer ingest failed: " + cause, cause);
        } finally {
            threads.shutdownNow();
            for (Connection connection : opened) {
                connection.close();
            }
        }
    }

    private static long writeOneByOne(Connection connection, List<TimedEvent> events) throws SQLException {
        connection.setAutoCommit(true);
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT);
             PreparedStatement delete = connection.prepareStatement(DELETE)) {
            for (TimedEvent event : events) {
                if (event.value().op() == EventOp.DELETE) {
                    bindDelete(delete, event);
                    delete.executeUpdate();
                } else {
                    bindUpsert(upsert, event);
                    upsert.executeUpdate();
                }
            }
        }
        return events.size();
    }

    private static long writeInBatches(Connection connection, List<TimedEvent> events, int batchSize)
            throws SQLException {
        connection.setAutoCommit(false);
        long transactions = 0;
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT);
             PreparedStatement delete = connection.prepareStatement(DELETE)) {
            for (int from = 0; from < events.size(); from += batchSize) {
                PreparedStatement pending = null;
                for (TimedEvent event : events.subList(from, Math.min(events.size(), from + batchSize))) {
                    PreparedStatement statement = event.value().op() == EventOp.DELETE ? delete : upsert;
                    if (pending != null && pending != statement) {
                        pending.executeBatch(); // keep the events' order across the two statements
                    }
                    if (statement == delete) {
                        bindDelete(delete, event);
                    } else {
                        bindUpsert(upsert, event);
                    }
                    statement.addBatch();
                    pending = statement;
                }
                if (pending != null) {
                    pending.executeBatch();
                }
                connection.commit();
                transactions++;
            }
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
        return transactions;
    }

    static void bindUpsert(PreparedStatement upsert, TimedEvent event) throws SQLException {
        ActivityEvent a = event.value();
        upsert.setString(1, a.peerMentorId());
        upsert.setString(2, a.organisationId());
        upsert.setString(3, a.activityId());
        upsert.setString(4, a.peerMentorId());
        upsert.setString(5, a.organisationId());
        upsert.setString(6, a.type().wireName());
        if (a.menteeId() == null) {
            upsert.setNull(7, Types.VARCHAR);
        } else {
            upsert.setString(7, a.menteeId());
        }
        upsert.setObject(8, utc(a.occurredAt()));
        upsert.setInt(9, a.durationMinutes());
        upsert.setObject(10, utc(Instant.ofEpochMilli(event.timestamp())));
    }

    static void bindDelete(PreparedStatement delete, TimedEvent event) throws SQLException {
        ActivityEvent a = event.value();
        delete.setString(1, a.activityId());
        delete.setString(2, a.peerMentorId());
        delete.setObject(3, utc(Instant.ofEpochMilli(event.timestamp())));
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
