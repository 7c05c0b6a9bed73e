package dev.cairn.agent.mount;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A least-recently-used map bounded by the total weight of its values (bytes, or an estimate of them). A value heavier
 * than the whole bound is not kept. Thread-safe (one lock; every operation is short).
 */
final class WeightedCache<K, V> {
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private final LinkedHashMap<K, V> map = new LinkedHashMap<>(16, 0.75f, true);
    private long weight;

    WeightedCache(long maxWeight, ToLongFunction<V> weigher) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    synchronized V get(K key) {
        return map.get(key);
    }

    synchronized void put(K key, V value) {
        long w = weigher.applyAsLong(value);
        if (w > maxWeight) {
            return;
        }
        V old = map.put(key, value);
        if (old != null) {
            weight -= weigher.applyAsLong(old);
        }
        weight += w;
        Iterator<Map.Entry<K, V>> eldest = map.entrySet().iterator();
        while (weight > maxWeight && eldest.hasNext()) {
            weight -= weigher.applyAsLong(eldest.next().getValue());
            eldest.remove();
        }
    }

    /** The total weight held now. */
    synchronized long weight() {
        return weight;
    }
}
