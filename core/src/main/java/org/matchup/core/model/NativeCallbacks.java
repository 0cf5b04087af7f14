package org.matchup.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.matchup.stan.StanBridge;

/**
 * The four native callbacks of {@code sb_sample_nuts}, allocated once per process (JavaCPP keeps a small
 * fixed pool of callback slots per class) and dispatched to each chain's {@link ChainCallbacks} by the
 * token the chain passed in. Thread safe.
 */
final class NativeCallbacks {

    /** A running chain: its callbacks, a reusable draw buffer and the first failure inside a callback. */
    static final class Registration {
        final ChainCallbacks callbacks;
        double[] buffer = new double[0];
        Throwable failure;

        Registration(ChainCallbacks callbacks) {
            this.callbacks = callbacks;
        }
    }

    private static final Map<Long, Registration> CHAINS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_TOKEN = new AtomicLong(1);

    static final StanBridge.NamesCallback NAMES = new StanBridge.NamesCallback() {
        @Override
        public void call(long token, BytePointer names) {
            Registration chain = CHAINS.get(token);
            if (chain != null && chain.failure == null) {
                try {
                    String joined = names.getString();
                    List<String> list = joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
                    chain.callbacks.onColumnNames(list);
                } catch (Throwable e) {
                    chain.failure = e;
                }
            }
        }
    };

    static final StanBridge.DrawCallback DRAW = new StanBridge.DrawCallback() {
        @Override
        public void call(long token, int count, DoublePointer values) {
            Registration chain = CHAINS.get(token);
            if (chain != null && chain.failure == null) {
                try {
                    if (chain.buffer.length != count) {
                        chain.buffer = new double[count];
                    }
                    values.capacity(count).get(chain.buffer);
                    chain.callbacks.onDraw(chain.buffer);
                } catch (Throwable e) {
                    chain.failure = e;
                }
            }
        }
    };

    static final StanBridge.MessageCallback MESSAGE = new StanBridge.MessageCallback() {
        @Override
        public void call(long token, int kind, BytePointer message) {
            Registration chain = CHAINS.get(token);
            if (chain != null && chain.failure == null) {
                try {
                    chain.callbacks.onMessage(StanMessageKind.fromCode(kind), message.getString());
                } catch (Throwable e) {
                    chain.failure = e;
                }
            }
        }
    };

    static final StanBridge.IterationCallback ITERATION = new StanBridge.IterationCallback() {
        @Override
        public int call(long token, int iterationsDone) {
            Registration chain = CHAINS.get(token);
            if (chain == null || chain.failure != null) {
                return 1;
            }
            try {
                return chain.callbacks.onIteration(iterationsDone) ? 1 : 0;
            } catch (Throwable e) {
                chain.failure = e;
                return 1;
            }
        }
    };

    private NativeCallbacks() {
    }

    static long register(Registration registration) {
        long token = NEXT_TOKEN.getAndIncrement();
        CHAINS.put(token, registration);
        return token;
    }

    static void unregister(long token) {
        CHAINS.remove(token);
    }
}
