package org.peerstats.gateway.query;

import java.util.concurrent.Callable;

/**
 * Whether the request being handled on this thread may be answered from a standby replica.
 * Set only by {@link MentorRouter} around a local handler it runs, so the store readers below it
 * can ask without every service passing the flag through; Javalin handles a request on one
 * thread, and the value is always removed afterwards.
 */
public final class StaleReads {

    private static final ThreadLocal<Boolean> ALLOWED = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private StaleReads() {
    }

    public static boolean allowed() {
        return ALLOWED.get();
    }

    static <T> T allowing(Callable<T> work) throws Exception {
        ALLOWED.set(Boolean.TRUE);
        try {
            return work.call();
        } finally {
            ALLOWED.remove();
        }
    }
}
